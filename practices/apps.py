from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = "Practices"

    def ready(self):
        import warnings

        from django.conf import settings
        from PIL import Image
        from wagtail.models import WorkflowState
        from wagtail.signals import workflow_approved, workflow_rejected

        from community.services.home import register_home_section
        from community.services.personal_data import register_personal_data

        from .services import member_mail
        from .services.home import latest_practices
        from .services.personal_data import export_practices

        register_home_section("latest_practices", latest_practices)
        register_personal_data(self.label, export=export_practices)

        # Every Pillow open in this process (uploads, Wagtail's renditions) refuses
        # an image beyond the site's pixel limit instead of only warning about it.
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS
        warnings.simplefilter("error", Image.DecompressionBombWarning)

        from . import signals  # noqa: F401 - materials follow their practice

        # Members get member-facing e-mails about their submissions; Wagtail's
        # admin notifications keep going to staff only. Wagtail connects its
        # notifiers under these dispatch_uids (wagtail.admin.signal_handlers):
        # whichever app is ready first, ours are the ones left connected.
        for signal, uid, notifier in (
            (
                workflow_approved,
                "workflow_state_approved_email_notification",
                member_mail.StaffApprovalNotifier(),
            ),
            (
                workflow_rejected,
                "workflow_state_rejected_email_notification",
                member_mail.StaffRejectionNotifier(),
            ),
        ):
            signal.disconnect(sender=WorkflowState, dispatch_uid=uid)
            signal.connect(notifier, sender=WorkflowState, dispatch_uid=uid, weak=False)
        workflow_approved.connect(
            member_mail.on_workflow_approved,
            sender=WorkflowState,
            dispatch_uid="practices_member_published_email",
        )
        workflow_rejected.connect(
            member_mail.on_workflow_rejected,
            sender=WorkflowState,
            dispatch_uid="practices_member_changes_requested_email",
        )
