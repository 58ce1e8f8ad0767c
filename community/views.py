from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taxonomy.filters import canonical_redirect
from vetnet.site import absolute_url

from .forms import DeleteAccountForm, ProfileForm
from .models import MemberProfile, Organisation, OrganisationMembership
from .services.directory import directory_params, search_organisations
from .services.memberships import decide, request_to_join
from .services.organisations import organisation_detail
from .services.profiles import (
    delete_member,
    export_member_data,
    profile_for,
    public_profiles,
)

# --- Members -------------------------------------------------------------------------


@require_GET
def member_directory(request):
    return render(
        request, "community/member_directory.html", public_profiles(request.GET)
    )


@require_GET
def member_detail(request, pk):
    profile = get_object_or_404(
        MemberProfile.objects.select_related("user", "organisation"),
        pk=pk,
        is_public=True,
        user__is_active=True,
    )
    return render(request, "community/member_detail.html", {"profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = profile_for(request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile has been saved."))
            return redirect("community:profile_edit")
        messages.error(request, _("Please correct the errors below."))
    return render(
        request, "community/profile_edit.html", {"form": form, "profile": profile}
    )


@login_required
@require_GET
def profile_export(request):
    response = JsonResponse(
        export_member_data(request.user), json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="vetnet-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_member(user)
        messages.success(request, _("Your account has been deleted."))
        return redirect("/")
    return render(request, "community/profile_delete.html", {"form": form})


# --- Organisations -------------------------------------------------------------------


@require_GET
def organisation_directory(request):
    if redirect := canonical_redirect(request, directory_params()):
        return redirect
    return render(
        request,
        "community/organisation_directory.html",
        search_organisations(request.GET),
    )


@require_GET
def organisation_page(request, slug):
    return render(
        request,
        "community/organisation_page.html",
        organisation_detail(slug, request.user),
    )


@login_required
@require_POST
def organisation_join(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    page_url = absolute_url(reverse("community:organisation", kwargs={"slug": slug}))
    membership = request_to_join(request.user, organisation, page_url)
    if membership.status == OrganisationMembership.Status.APPROVED:
        messages.info(request, _("You are already a member of this organisation."))
    else:
        messages.success(
            request,
            _("Your request has been sent to the organisation's administrators."),
        )
    return redirect("community:organisation", slug=slug)


@login_required
@require_POST
def organisation_decide(request, slug, pk):
    membership = get_object_or_404(
        OrganisationMembership.objects.select_related("organisation", "user"),
        pk=pk,
        organisation__slug=slug,
        status=OrganisationMembership.Status.PENDING,
    )
    approve = request.POST.get("decision") == "approve"
    decide(request.user, membership, approve)
    messages.success(
        request, _("Request approved.") if approve else _("Request declined.")
    )
    return redirect("community:organisation", slug=slug)
