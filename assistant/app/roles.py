"""Who may change things in the app: with logins (``ASSISTANT_APP__AUTH``) only editors
(``ASSISTANT_APP__EDITORS``; unset = every logged-in user) change the relations register, override scores, upload
or remove documents; the others read. Without logins the app serves one local user, who may do everything.

The handlers behind the buttons call :func:`may_edit` with the logged-in user name gradio gives them
(``gr.Request.username``), so the app's API refuses a viewer exactly as its buttons do. With logins the officer
recorded for an override or a register entry is the logged-in user (:func:`officer_name`), not a typed name.
"""

from __future__ import annotations

from assistant.i18n import t


def logins(settings) -> bool:
    """Whether the app runs with logins (no settings, as for test stubs: no)."""
    return settings is not None and bool((settings.app.auth or "").strip())


def may_edit(settings, user: str | None) -> bool:
    """True when ``user`` (None: not logged in) may change the register, scores and documents."""
    if not logins(settings):
        return True
    if not user:
        return False
    editors = settings.app.editors
    return editors is None or user in editors


def officer_name(settings, user: str | None, typed: str | None) -> str:
    """The officer to record: the logged-in user with logins, else the name typed in the form."""
    return user if logins(settings) and user else (typed or "")


def refusal(lang: str, user: str | None) -> str:
    """The message a viewer gets instead of a change (Dutch or English)."""
    return t("app.role_refused", lang, user=user or "-")


def role_line(settings, user: str | None, lang: str) -> str:
    """'Ingelogd als anna (redacteur)' / '... (alleen lezen)'; '' without logins."""
    if not logins(settings) or not user:
        return ""
    return t("app.role_editor" if may_edit(settings, user) else "app.role_viewer", lang, user=user)


def request_user(request) -> str | None:
    """The logged-in user name of a gradio request (None without logins or outside a request)."""
    return getattr(request, "username", None) if request is not None else None
