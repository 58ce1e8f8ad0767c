"""HTTP views: thin wrappers around forums/services/."""

import uuid

from django.contrib import messages as flash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vetnet.cache import scope_version, thread_scope
from vetnet.pagination import paginate

from .forms import (
    CounsellingRequestForm,
    MessageForm,
    ModerationForm,
    PromoteExcerptForm,
    PromoteThreadForm,
    ReplyForm,
    ThreadForm,
)
from .models import ModerationAction, Post, Thread
from .services import messages as svc
from .services import pages, posting, realtime
from .services import threads as thread_svc
from .services.errors import Forbidden, ForumError, NotFound
from .services.permissions import is_moderator, rooms_visible_to


def _room_access_or_refuse(request, slug):
    try:
        access = svc.access_for(request.user, slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not access.can_read:
        if not request.user.is_authenticated:
            return None, redirect_to_login(request.get_full_path())
        raise PermissionDenied(_("This room is private."))
    return access, None


@require_GET
def index(request):
    rooms = rooms_visible_to(request.user).select_related("counsellor")
    context = {
        "open_rooms": [r for r in rooms if not r.is_private],
        "private_rooms": [r for r in rooms if r.is_private],
        "threads": Thread.objects.select_related("author")[:10],
        "is_moderator": is_moderator(request.user),
    }
    return render(request, "forums/index.html", context)


@require_http_methods(["GET", "POST"])
def room(request, slug):
    access, refusal = _room_access_or_refuse(request, slug)
    if refusal:
        return refusal
    form = MessageForm(request.POST or None, initial={"client_id": uuid.uuid4()})
    if request.method == "POST":
        if not access.can_write:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        if form.is_valid():
            try:
                message = posting.post_and_broadcast(
                    access,
                    form.cleaned_data["text"],
                    client_id=form.cleaned_data["client_id"],
                )
            except ForumError as exc:
                form.add_error("text", exc.message)
            else:
                return redirect(f"{reverse('forums:room', args=[slug])}#m{message.pk}")
    before = request.GET.get("before")
    try:
        history, has_more = svc.history(access, before=before)
    except ForumError as exc:
        raise Http404(exc.message) from exc
    context = {
        "room": access.room,
        "access": access,
        "history": [svc.serialize(m) | {"obj": m} for m in history],
        "has_more": has_more,
        "older_url": f"?before={history[0].pk}" if has_more and history else "",
        "paged": before is not None,
        "form": form,
        "client_config": {
            "socket": f"/ws/forums/rooms/{slug}/",
            "history_url": reverse("forums:room_history", args=[slug]),
            "user": access.as_dict(),
            "max_length": svc.MESSAGE_MAX_LENGTH,
            # Live messages show their time as the page does: its language, the
            # site's time zone (not the browser's), 24-hour clock.
            "time_zone": timezone.get_current_timezone_name(),
            # The site writes English dates day first (vetnet/formats/en).
            "locale": "en-GB" if get_language() == "en" else get_language(),
        },
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "forums/room.html", context, status=status)


@require_GET
def room_history(request, slug):
    try:
        access = svc.access_for(request.user, slug)
        payload = svc.history_payload(access, before=request.GET.get("before"))
    except NotFound as exc:
        return JsonResponse({"error": exc.code, "message": exc.message}, status=404)
    except Forbidden as exc:
        return JsonResponse({"error": exc.code, "message": exc.message}, status=403)
    except ForumError as exc:
        return JsonResponse({"error": exc.code, "message": exc.message}, status=400)
    return JsonResponse(payload)


@require_http_methods(["POST"])
def message_action(request, slug, message_id, action):
    """The no-JavaScript path for delete, flag and hide."""
    access, refusal = _room_access_or_refuse(request, slug)
    if refusal:
        return refusal
    form = ModerationForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if action == "delete":
            message = svc.delete_message(access, message_id)
            flash.success(request, _("Your message was deleted."))
        elif action == "flag":
            message, _created = svc.flag_message(access, message_id, reason)
            flash.success(request, _("Thank you: the moderators will look at it."))
        elif action == "hide":
            message = svc.hide_message(access, message_id, reason)
            flash.success(request, _("The message is hidden."))
        else:
            raise Http404
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except ForumError as exc:
        flash.error(request, exc.message)
        return redirect("forums:room", slug=slug)
    if action != "flag":
        realtime.broadcast_from_sync(
            slug,
            realtime.frame_event(
                {"type": "message.update", "message": svc.serialize(message)}
            ),
        )
    return redirect(f"{reverse('forums:room', args=[slug])}#m{message.pk}")


@require_http_methods(["GET", "POST"])
def promote_excerpt(request, slug):
    access, refusal = _room_access_or_refuse(request, slug)
    if refusal:
        return refusal
    if not access.can_write or access.room.is_private:
        raise PermissionDenied
    recent, _more = svc.history(access)
    choices = [
        (m.pk, f"{svc.serialize(m)['author']['name']}: {m.text[:120]}")
        for m in recent
        if m.state == "visible"
    ]
    form = PromoteExcerptForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            thread = thread_svc.promote_excerpt(
                request.user,
                access.room,
                form.cleaned_data["messages"],
                form.cleaned_data["title"],
            )
        except ForumError as exc:
            form.add_error(None, exc.message)
        else:
            flash.success(request, _("The excerpt is now a thread."))
            return redirect(thread)
    return render(
        request, "forums/promote_excerpt.html", {"room": access.room, "form": form}
    )


@require_GET
def thread_list(request):
    threads = Thread.objects.select_related("author", "source_room")
    page, pages = paginate(threads, 20, request.GET)
    return render(
        request,
        "forums/thread_list.html",
        {"threads": page.object_list, "pages": pages},
    )


@require_http_methods(["GET", "POST"])
def thread_new(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = thread_svc.create_thread(
            request.user, form.cleaned_data["title"], form.cleaned_data["body"]
        )
        return redirect(thread)
    return render(request, "forums/thread_new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def thread_detail(request, slug):
    thread = get_object_or_404(
        Thread.objects.select_related("author", "source_room", "promoted_practice"),
        slug=slug,
    )
    # The page depends on the thread's posts: kept (Django-side) and shared (the
    # front cache) only while they have not changed (vetnet/cache.py).
    scope_version(thread_scope(thread.pk))
    form = ReplyForm(
        request.POST or None,
        initial={"parent": request.GET.get("reply_to"), "client_id": uuid.uuid4()},
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                post = thread_svc.reply(
                    request.user,
                    thread,
                    form.cleaned_data["body"],
                    form.cleaned_data["parent"],
                    client_id=form.cleaned_data["client_id"],
                )
            except ForumError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect(post.get_absolute_url())  # the page with the reply
    # Not "page": base.html reads that name as the Wagtail page.
    thread_page = pages.thread_page(thread, request.GET.get("page"))
    context = {
        "thread": thread,
        "thread_page": thread_page,
        "posts": thread_page.posts,
        "form": form,
        "can_promote": thread_svc.can_promote_thread(request.user, thread),
        "is_moderator": is_moderator(request.user),
    }
    return render(
        request,
        "forums/thread_detail.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def post_link(request, slug, post_id):
    """A post's lasting address: the page of its thread that shows it now (the
    thread's first page once the post is gone; never the same #p again, which
    static/js/thread.js follows here)."""
    thread = get_object_or_404(Thread, slug=slug)
    post = Post.objects.filter(pk=post_id, thread=thread).first()
    if post is None:
        return redirect(thread)
    post.thread = thread
    return redirect(post.get_absolute_url())


@require_http_methods(["POST"])
def hide_post(request, slug, post_id):
    thread = get_object_or_404(Thread, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(thread.get_absolute_url())
    try:
        post = thread_svc.hide_post(request.user, thread, post_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from exc
    flash.success(request, _("The post is hidden."))
    return redirect(post.get_absolute_url())


@require_http_methods(["GET", "POST"])
def promote_thread(request, slug):
    thread = get_object_or_404(Thread, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not thread_svc.can_promote_thread(request.user, thread):
        raise PermissionDenied
    first = thread.posts.order_by("created_at", "id").first()
    form = PromoteThreadForm(
        request.POST or None,
        initial={
            "summary": first.body[:600] if first else "",
            "content_language": "en",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            page = thread_svc.promote_thread_to_practice(
                request.user, thread, **form.cleaned_data
            )
        except ForumError as exc:
            form.add_error(None, exc.message)
        else:
            flash.success(
                request,
                _("“%(title)s” is a draft good practice, sent for review.")
                % {"title": page.title},
            )
            return redirect(thread)
    return render(
        request, "forums/promote_thread.html", {"thread": thread, "form": form}
    )


@require_http_methods(["GET", "POST"])
def counselling_request(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = CounsellingRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        room = thread_svc.create_counselling_room(
            request.user,
            form.cleaned_data["topic"],
            form.cleaned_data["description"],
            form.cleaned_data["invite"],
            form.cleaned_data["counsellor"],
        )
        flash.success(request, _("Your private counselling room is open."))
        return redirect(room)
    return render(request, "forums/counselling_request.html", {"form": form})


@require_GET
def moderation(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    flagged = svc.flagged_messages(request.user)
    if not is_moderator(request.user) and not flagged.exists():
        raise PermissionDenied
    log = ModerationAction.objects.select_related("message__room", "moderator")
    if not is_moderator(request.user):
        log = log.filter(message__room__counsellor=request.user)
    return render(
        request,
        "forums/moderation.html",
        {"flagged": flagged.prefetch_related("flags")[:100], "log": log[:100]},
    )
