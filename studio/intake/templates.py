"""The phone's pages as Python string templates. Every value that is not a literal of this
module goes through ``e`` (html.escape with quotes), so a name like
``<script>alert(1)</script>`` reads as text. There is no inline script or style: the one
script is /static/intake.js with the response's nonce, the one stylesheet /static/form.css.

The pages speak the current language (the handler runs each request inside
``using_language``); the words the script shows come from here too, as data attributes.
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from html import escape

from studio.services.clients import MEDICAL_CHECKS
from studio.services.common import LANGUAGES, N_, _, current_language, language_name, ngettext
from studio.services.intake import (
    CONSENT_CHECKS,
    MEDICAL_FORM_NAMES,
    MEDICAL_TEXT_LABELS,
    SIG_HEIGHT,
    SIG_WIDTH,
    FormKind,
    PhoneFormContext,
    ReleaseTextRecord,
    PHOTOS_MAX,
    empty_answers,
)

SECTIONS = (("s-you", N_("You")), ("s-health", N_("Health")), ("s-tattoo", N_("Your tattoo")),
            ("s-consent", N_("Consent")), ("s-sign", N_("Sign")))


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


# The field a language button posts: the form comes back in that language, as typed.
SWITCH_FIELD = "switch_language"


def html_lang(code: str) -> str:
    """A language as HTML names it: "pt_BR" → "pt-BR"."""
    return code.replace("_", "-")


def page(title: str, studio: str, content: str, nonce: str, *, script: bool = False, switch: str = "") -> str:
    tag = f'<script src="/static/intake.js" nonce="{e(nonce)}" defer></script>' if script else ""
    studio = studio or _("Tattoo studio")
    return f"""<!doctype html>
<html lang="{e(html_lang(current_language()))}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{e(title)}</title>
<link rel="stylesheet" href="/static/form.css">{tag}</head>
<body><header class="top"><span class="mark" aria-hidden="true">✦</span><span class="studio">{e(studio)}</span>{switch}</header>
<main>{content}</main></body></html>
"""


def language_switch(path: str, current: str) -> str:
    """The same form in each language: buttons that post what was typed so far to the
    form's path in that language (``formnovalidate``: nothing is checked or stored), so a
    half-filled form keeps its answers. They sit outside the form (``form="intake"``)."""
    buttons = "".join(
        f'<button type="submit" form="intake" name="{SWITCH_FIELD}" value="{e(code)}" formnovalidate '
        f'formaction="{e(path)}?lang={e(code)}" lang="{e(html_lang(code))}"'
        + (' aria-current="true"' if code == current else "") + f">{e(name)}</button>"
        for code, name in LANGUAGES.items())
    name = _("Language")
    return f'<nav class="langs" aria-label="{e(name)}">{buttons}</nav>'


def message_page(studio: str, title: str, text: str, nonce: str) -> str:
    return page(title, studio, f'<section class="card message"><h1>{e(title)}</h1><p>{e(text)}</p></section>', nonce)


def not_found_page(nonce: str) -> str:
    # The same bytes for unknown, expired, spent and malformed codes, and any other path
    # (in one language): it must not tell which codes exist, so it does not even name the studio.
    return message_page("", _("This code doesn't work"),
                        _("It has expired or is not valid. Ask the front desk for a new code."), nonce)


def thanks_page(studio: str, first_name: str, nonce: str) -> str:
    # Translators: {name} is the client's first name.
    thanks = _("Thank you, {name}!").format(name=first_name)
    done = _("The front desk has your form. You can close this page and hand back any pen you borrowed.")
    goodbye = _("See you in the chair.")
    body = (f'<section class="card message"><div class="tick" aria-hidden="true">✓</div>'
            f'<h1>{e(thanks)}</h1><p>{e(done)}</p><p class="muted">{e(goodbye)}</p></section>')
    return page(_("Thank you"), studio, body, nonce)


def _field(name: str, label: str, values: dict, errors: dict, *, kind: str = "text",
           required: bool = False, autocomplete: str = "", maxlength: int = 120, hint: str = "") -> str:
    value = values.get(name, "")
    err = errors.get(name)
    attrs = [f'id="f-{e(name)}"', f'name="{e(name)}"', f'maxlength="{maxlength}"']
    if required:
        attrs.append("required")
    if autocomplete:
        attrs.append(f'autocomplete="{e(autocomplete)}"')
    if err:
        attrs.append(f'aria-invalid="true" aria-describedby="err-{e(name)}"')
    mark = ' <span class="req" aria-hidden="true">*</span>' if required else ""
    if kind == "textarea":
        control = f'<textarea {" ".join(attrs)} rows="3">{e(value)}</textarea>'
    else:
        control = f'<input type="{kind}" {" ".join(attrs)} value="{e(value)}">'
    hint_html = f'<span class="hint">{e(hint)}</span>' if hint else ""
    err_html = f'<span class="error" id="err-{e(name)}">{e(err)}</span>' if err else ""
    return f'<label class="field" for="f-{e(name)}"><span class="label">{e(label)}{mark}</span>{hint_html}{control}{err_html}</label>'


def _check(name: str, label: str, checked: bool, errors: dict, *, required: bool = False) -> str:
    err = errors.get(name)
    err_html = f'<span class="error" id="err-{e(name)}">{e(err)}</span>' if err else ""
    return (f'<label class="check"><input type="checkbox" name="{e(name)}" value="1"'
            f'{" checked" if checked else ""}{" required" if required else ""}>'
            f'<span>{e(label)}</span></label>{err_html}')


def _sig_pad(name: str, label: str, errors: dict, typed_name: str, typed_value: str) -> str:
    err = errors.get(name)
    err_html = f'<span class="error" id="err-{e(name)}">{e(err)}</span>' if err else ""
    # Translators: {label} names the signature box, e.g. "Your signature".
    pad = _("{label}: draw with your finger").format(label=label)
    clear, how = _("Clear"), _("Sign with your finger inside the box.")
    typed_label = _("Type your full name to sign")
    typed_hint = _("Drawing needs JavaScript, which is off on this phone. The front desk will ask you to sign on "
                   "paper too.")
    return f"""<div class="sig" data-field="{e(name)}">
<span class="label">{e(label)}</span>
<canvas class="pad" width="{SIG_WIDTH}" height="{SIG_HEIGHT}" aria-label="{e(pad)}"></canvas>
<input type="hidden" name="{e(name)}" value="">
<div class="row js-only"><button type="button" class="ghost clear">{e(clear)}</button><span class="hint">{e(how)}</span></div>
<noscript><label class="field"><span class="label">{e(typed_label)}</span>
<span class="hint">{e(typed_hint)}</span>
<input type="text" name="{e(typed_name)}" value="{e(typed_value)}" maxlength="120"></label></noscript>
{err_html}</div>"""


def form_page(ctx: PhoneFormContext, action: str, nonce: str, *, answers: dict | None = None,
              errors: dict | None = None, notice: str = "") -> str:
    """The form posting to ``action`` (its path, with ``?lang=`` when the language was chosen
    with the switch) in ``ctx.language``, the current language."""
    answers = answers or ctx.prefill
    errors = errors or {}
    contact = answers.get("contact", {})
    medical = answers.get("medical", {})
    tattoo = answers.get("tattoo", {})
    consents = answers.get("consents", {})
    guardian = answers.get("guardian") or {}
    checks = set(medical.get("checks", []))

    intro = (_("Check what we have on file and change anything that is out of date.")
             if ctx.kind is FormKind.CLIENT else
             _("Tell us about you and your tattoo. It takes about five minutes."))
    steps = "".join('<li><a href="#' + sid + '">' + e(_(title)) + "</a></li>" for sid, title in SECTIONS)
    problems = ""
    if errors:
        items = "".join(f"<li>{e(msg)}</li>" for msg in errors.values())
        check, again = _("Please check these"), _("Photos are not kept when a form is sent back: choose them again.")
        problems = (f'<div class="card problems" role="alert" tabindex="-1" id="problems">'
                    f'<h2>{e(check)}</h2><ul>{items}</ul><p class="hint">{e(again)}</p></div>')
    elif notice:
        problems = f'<div class="card notice" role="status"><p class="hint">{e(notice)}</p></div>'

    you = "".join([
        _field("full_name", _("Full name"), contact, errors, required=True, autocomplete="name"),
        _field("preferred_name", _("Name you go by"), contact, errors, autocomplete="nickname"),
        _field("pronouns", _("Pronouns"), contact, errors, maxlength=40),
        _field("date_of_birth", _("Date of birth"), contact, errors, kind="date", required=True,
               autocomplete="bday"),
        _field("phone", _("Phone"), contact, errors, kind="tel", required=True, autocomplete="tel", maxlength=40),
        _field("email", _("Email"), contact, errors, kind="email", autocomplete="email", maxlength=254),
        _field("address", _("Address"), contact, errors, kind="textarea", autocomplete="street-address",
               maxlength=500),
        _field("emergency_name", _("Emergency contact's name"), contact, errors, required=True),
        _field("emergency_phone", _("Emergency contact's phone"), contact, errors, kind="tel",
               required=True, maxlength=40),
    ])
    health_checks = "".join(_check(f"med_{key}", _(label), key in checks, errors)
                            for key, label in MEDICAL_CHECKS.items())
    health_texts = "".join(_field(form_name, _(MEDICAL_TEXT_LABELS[field]), {form_name: medical.get(field, "")},
                                  errors, kind="textarea", maxlength=2000)
                           for field, form_name in MEDICAL_FORM_NAMES.items())
    idea = "".join([
        _field("idea_description", _("Your idea"), {"idea_description": tattoo.get("description", "")}, errors,
               kind="textarea", maxlength=1000, hint=_("Style, subject, colours, anything that matters to you.")),
        _field("idea_placement", _("Where on the body"), {"idea_placement": tattoo.get("placement", "")}, errors),
        _field("idea_size", _("Approximate size"), {"idea_size": tattoo.get("size", "")}, errors,
               hint=_("For example: palm-sized, 10 × 15 cm, full sleeve.")),
    ])
    photo_err = errors.get("photos")
    photos_label, photos_hint = _("Reference photos"), _("Up to 3 photos, 5 MB each (JPEG, PNG or HEIC).")
    photos = (f'<label class="field" for="f-photos"><span class="label">{e(photos_label)}</span>'
              f'<span class="hint">{e(photos_hint)}</span>'
              f'<input type="file" id="f-photos" name="photos" multiple '
              f'accept="image/jpeg,image/png,image/heic,image/heif,.heic,.heif">'
              + (f'<span class="error" id="err-photos">{e(photo_err)}</span>' if photo_err else "")
              + "</label>")
    # The studio's words, in the language they were written in (never translated here).
    release = "".join(f"<p>{e(par)}</p>" for par in ctx.release.body.split("\n\n") if par.strip())
    notice = ""
    if ctx.release.language != ctx.language:
        # Translators: {language} is the name of a language in itself, e.g. "English".
        only = _("This text is only available in {language}.").format(language=language_name(ctx.release.language))
        notice = f'<p class="notice" id="release-notice">{e(only)}</p>'
    consent_boxes = "".join(_check(f"consent_{key}", _(sentence), bool(consents.get(key)), errors, required=True)
                            for key, sentence in CONSENT_CHECKS.items())
    # Translators: {age} is the studio's minimum age in years.
    guardian_hint = _("Only if you are under {age}: a parent or legal guardian fills this in and signs, "
                      "and brings photo ID.").format(age=ctx.min_age)
    guardian_title = _("Parent or guardian")
    guardian_fields = "\n".join([
        _field("guardian_name", _("Guardian's full name"), {"guardian_name": guardian.get("name", "")}, errors),
        _field("guardian_relationship", _("Relationship to you"),
               {"guardian_relationship": guardian.get("relationship", "")}, errors),
        _sig_pad("guardian_signature", _("Guardian's signature"), errors, "guardian_typed_signature",
                 answers.get("guardian_typed_signature", "")),
    ])
    guardian_block = f"""<div class="card guardian" id="guardian" data-min-age="{ctx.min_age}">
<h3>{e(guardian_title)}</h3>
<p class="hint">{e(guardian_hint)}</p>
{guardian_fields}
</div>"""

    def section(sid: str, title: str, inner: str, index: int) -> str:
        back_text, next_text = _("Back"), _("Next")
        back = f'<button type="button" class="ghost back">{e(back_text)}</button>' if index else "<span></span>"
        nxt = (f'<button type="button" class="primary next">{e(next_text)}</button>'
               if index < len(SECTIONS) - 1 else "")
        # Translators: the form's progress, e.g. "Step 2 of 5".
        count = _("Step {number} of {total}").format(number=index + 1, total=len(SECTIONS))
        translated = _(title)
        return (f'<section class="step card" id="{sid}" aria-labelledby="{sid}-h">'
                f'<p class="count">{e(count)}</p><h2 id="{sid}-h">{e(translated)}</h2>{inner}'
                f'<div class="nav js-only">{back}{nxt}</div></section>')

    heading = _("Your details") if ctx.kind is FormKind.CLIENT else _("Welcome")
    release_lang = html_lang(ctx.release.language)
    # Translators: {version} is the release text's version number.
    release_hint = _("Release, version {version}").format(version=ctx.release.version)
    health_hint = _("Tick anything that applies to you. Your answers are private and help your artist keep you safe.")
    sign_alert, submit = _("Please sign with your finger in the box."), _("Submit")
    signature = _sig_pad("signature", _("Your signature"), errors, "typed_signature", answers.get("typed_signature", ""))
    body = f"""<h1>{e(heading)}</h1>
<p class="intro">{e(intro)}</p>
<ol class="steps">{steps}</ol>
{problems}
<form method="post" action="{e(action)}" enctype="multipart/form-data" id="intake" accept-charset="utf-8" data-sign-alert="{e(sign_alert)}">
<input type="hidden" name="csrf" value="{e(ctx.csrf)}">
<input type="hidden" name="release_version" value="{ctx.release.version}">
<input type="hidden" name="release_language" value="{e(ctx.release.language)}">
{section("s-you", SECTIONS[0][1], you, 0)}
{section("s-health", SECTIONS[1][1], f'<p class="hint">{e(health_hint)}</p><div class="checks">' + health_checks + "</div>" + health_texts, 1)}
{section("s-tattoo", SECTIONS[2][1], idea + photos, 2)}
{section("s-consent", SECTIONS[3][1], f'<div class="release" id="release" lang="{e(release_lang)}"><p class="hint">{e(release_hint)}</p>{notice}{release}</div>' + consent_boxes + guardian_block, 3)}
{section("s-sign", SECTIONS[4][1], signature + _summary() + f'<button type="submit" class="primary submit">{e(submit)}</button>', 4)}
</form>"""
    return page(heading, ctx.studio_name, body, nonce, script=True, switch=language_switch(action.split("?", 1)[0], ctx.language))


def _summary() -> str:
    """The box the script fills before Submit, carrying the words it writes there."""
    words = {
        "title": _("Check before you send"), "name": _("Name"), "born": _("Date of birth"), "phone": _("Phone"),
        "email": _("Email"), "emergency": _("Emergency contact"), "health": _("Health"),
        "nothing": _("Nothing ticked"), "allergies": _("Allergies"), "tattoo": _("Tattoo"),
        "photos": _("Photos"), "guardian": _("Guardian"),
    }
    # The photo count, worded for each number a form can carry.
    words.update({f"photos-{n}": ngettext("{n} chosen", "{n} chosen", n).format(n=n)
                  for n in range(1, PHOTOS_MAX + 1)})
    data = " ".join(f'data-{key}="{e(value)}"' for key, value in words.items())
    return f'<div class="summary js-only" id="summary" aria-live="polite" {data}></div>'


# ---------------------------------------------------------------- the blank form, rendered once

# Stand-ins for the two values that differ on every request, the CSP nonce and the CSRF
# token. Random, so no text the page shows can hold them by chance.
_SLOT = "slot" + secrets.token_hex(12)
_NONCE_SLOT, _CSRF_SLOT = _SLOT + "n", _SLOT + "c"
_BLANK = empty_answers()


def form_page_bytes(ctx: PhoneFormContext, action: str, nonce: str) -> bytes:
    """The form as a GET serves it, encoded. Every phone in the walk-in queue gets the same
    blank form but for its nonce and CSRF token, so that page is rendered once per version
    of what it shows (it is cached by all of it: studio name, release, minimum age, URL,
    language)
    and only those two are filled in. A pre-filled form is rendered each time."""
    if ctx.prefill != _BLANK:
        return form_page(ctx, action, nonce).encode()
    head, middle, tail = _blank_form(ctx.kind, ctx.studio_name, ctx.release, ctx.min_age, action, ctx.language)
    return b"".join((head, e(nonce).encode(), middle, e(ctx.csrf).encode(), tail))


@lru_cache(maxsize=24)
def _blank_form(kind: FormKind, studio_name: str, release: ReleaseTextRecord, min_age: int,
                action: str, language: str) -> tuple[bytes, bytes, bytes]:
    """Rendered in ``language``, the current one (each request runs inside its language)."""
    ctx = PhoneFormContext(kind=kind, studio_name=studio_name, release=release, min_age=min_age,
                           csrf=_CSRF_SLOT, prefill=_BLANK, language=language)
    head, rest = form_page(ctx, action, _NONCE_SLOT).split(_NONCE_SLOT)  # the nonce comes first,
    middle, tail = rest.split(_CSRF_SLOT)  # in <head>, and each slot once
    return head.encode(), middle.encode(), tail.encode()
