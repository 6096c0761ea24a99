"""Staff accounts: add, change role, colour, deactivate/reactivate, passwords.

The last active admin can never be deactivated or demoted, so a studio cannot lock itself
out of its own administration.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from studio.models import LoginThrottle, Staff
from studio.services.accounts.auth import actor_of, clear_login_failures
from studio.services.accounts.passwords import check_policy
from studio.services.common import audit_log
from studio.services.common.audit_log import Words
from studio.services.common.base import Service
from studio.services.common.errors import Conflict, NotFound, ValidationError
from studio.services.common.i18n import LANGUAGES, N_, _
from studio.services.common.permissions import ROLE_LABELS, Permission, Role
from studio.services.common.records import Actor, StaffRecord
from studio.services.common.validation import clean_email, clean_text, gather, normalize_email

# Artist colours: mid-tone hues that read with white text on both the light and the dark
# theme, and stay apart from each other in charts.
ARTIST_PALETTE = (
    "#6366F1",  # indigo
    "#E11D48",  # rose
    "#0D9488",  # teal
    "#D97706",  # amber
    "#7C3AED",  # violet
    "#2563EB",  # blue
    "#DB2777",  # pink
    "#059669",  # emerald
    "#EA580C",  # orange
    "#4F46E5",  # deep indigo
    "#0891B2",  # cyan
    "#65A30D",  # lime
)

NAME_MAX = 120


def _record(staff: Staff, locked_until=None) -> StaffRecord:
    return StaffRecord(
        id=staff.id,
        name=staff.name,
        email=staff.email,
        role=Role(staff.role),
        active=staff.active,
        color=staff.color,
        created_at=staff.created_at,
        last_login_at=staff.last_login_at,
        locked_until=locked_until,
    )


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError(_("Choose a role: admin, artist or front desk."), field="role") from None


def _color(value: str) -> str:
    value = value.strip().upper()
    if len(value) != 7 or not value.startswith("#") or any(c not in "0123456789ABCDEF" for c in value[1:]):
        raise ValidationError(_("Choose a colour from the palette."), field="color")
    return value


def _email_free(session, email: str, staff_id: int | None) -> str:
    value = clean_email(email)
    taken = session.scalar(select(Staff.id).where(Staff.email == value))
    if taken is not None and taken != staff_id:
        raise Conflict(_("Someone already has that email address."), field="email")
    return value


def clean_staff_form(session, *, name: str, email: str, staff_id: int | None = None, role: str | None = None,
                password: str | None = None, color: str | None = None) -> dict:
    """One staff form's fields, each checked (the whole form at once: see gather)."""
    checks = {
        # Translators: a field named inside "Enter a {label}." and "The {label} can be at most {max} characters."
        "name": lambda: clean_text(name, field="name", label=N_("name"), max_length=NAME_MAX),
        "email": lambda: _email_free(session, email, staff_id),
    }
    if role is not None:
        checks["role"] = lambda: _role(role)
    if password is not None:
        checks["password"] = lambda: check_policy(password, email=email, name=name)
    if color is not None:
        checks["color"] = lambda: _color(color)
    return gather(checks)


class StaffService(Service):
    def list_staff(self, actor: Actor) -> list[StaffRecord]:
        """Everyone, active first, by name. Needs VIEW_STAFF."""
        now = self.clock()
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.VIEW_STAFF)
            locks = {
                t.email: t.locked_until
                for t in uow.session.scalars(select(LoginThrottle).where(LoginThrottle.locked_until > now))
            }
            rows = uow.session.scalars(select(Staff).order_by(Staff.active.desc(), func.lower(Staff.name)))
            return [_record(s, locks.get(s.email)) for s in rows]

    def add_staff(
        self, actor: Actor, *, name: str, email: str, role: str, password: str, color: str | None = None
    ) -> StaffRecord:
        """Create an account. Needs MANAGE_STAFF. Raises ValidationError (field named) or
        Conflict when the email is taken."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_STAFF)
            staff = self._new_staff(uow.session, name=name, email=email, role=role,
                                    password=password, color=color)
            audit_log.record(uow.session, self.clock(), audit_log.STAFF_ADDED, actor=actor,
                             subject_type="staff", subject_id=staff.id, subject=staff.email,
                             # Translators: the detail of an added staff account; {role} is "Artist", "Admin"…
                             detail=Words(N_("role {role}"), role=_role_words(staff.role)))
            uow.commit()
            return _record(staff)

    def check_form(self, actor: Actor, *, name: str, email: str, staff_id: int | None = None,
                   role: str | None = None, password: str | None = None, color: str | None = None) -> None:
        """Check an add or edit form without saving: raises FormErrors naming every field
        that would be refused (email taken included). Needs MANAGE_STAFF."""
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, Permission.MANAGE_STAFF)
            clean_staff_form(uow.session, name=name, email=email, staff_id=staff_id, role=role,
                        password=password, color=color)

    def check_password(self, actor: Actor, staff_id: int, password: str) -> None:
        """Would ``password`` be accepted for ``staff_id``? Raises ValidationError (field
        "password") with the reason. Needs CHANGE_OWN_PASSWORD for one's own account,
        RESET_STAFF_PASSWORD for someone else's. Changes nothing."""
        permission = (Permission.CHANGE_OWN_PASSWORD if staff_id == actor.staff_id
                      else Permission.RESET_STAFF_PASSWORD)
        with self.unit_of_work(write=False) as uow:
            self.authorize(uow, actor, permission)
            staff = self._get(uow.session, staff_id)
            email, name = staff.email, staff.name
        check_policy(password, email=email, name=name)

    def _new_staff(self, session, *, name: str, email: str, role: str, password: str,
                   color: str | None = None) -> Staff:
        """Validate and add a staff row to ``session`` (used by setup and the CLI too).
        Raises FormErrors naming every refused field."""
        clean = clean_staff_form(session, name=name, email=email, role=role, password=password, color=color)
        name, email, role_value = clean["name"], clean["email"], clean["role"]
        color = clean.get("color")
        if color is None:
            used = set(session.scalars(select(Staff.color)))
            color = next((c for c in ARTIST_PALETTE if c not in used),
                         ARTIST_PALETTE[len(used) % len(ARTIST_PALETTE)])
        now = self.clock()
        staff = Staff(name=name, email=email, role=role_value.value, active=True, color=color,
                      password_hash=self.services.passwords.hash(password),
                      created_at=now, password_changed_at=now)
        session.add(staff)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict(_("Someone already has that email address."), field="email") from None
        return staff

    def _get(self, session, staff_id: int) -> Staff:
        staff = session.get(Staff, staff_id)
        if staff is None:
            raise NotFound(_("That staff member no longer exists."))
        return staff

    @staticmethod
    def _ensure_another_admin(session, staff: Staff, field: str | None = None) -> None:
        others = session.scalar(
            select(func.count()).select_from(Staff).where(
                Staff.role == Role.ADMIN.value, Staff.active.is_(True), Staff.id != staff.id
            )
        )
        if staff.role == Role.ADMIN.value and staff.active and not others:
            raise Conflict(
                _("{name} is the last active admin. Make someone else an admin first.").format(name=staff.name),
                field=field
            )

    def update_staff(self, actor: Actor, staff_id: int, *, name: str, email: str, color: str,
                     role: str | None = None) -> StaffRecord:
        """Change name, email, colour and (when given) role, all or nothing. Needs MANAGE_STAFF.
        Raises Conflict (field "role") for demoting the last active admin."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_STAFF)
            staff = self._get(uow.session, staff_id)
            clean = clean_staff_form(uow.session, name=name, email=email, staff_id=staff_id, color=color)
            new_name, new_email, new_color = clean["name"], clean["email"], clean["color"]
            changes = audit_log.diff([(N_("Name"), staff.name, new_name), (N_("Email"), staff.email, new_email),
                                      (N_("Colour"), staff.color, new_color)])
            if role is not None:
                self._set_role(uow.session, actor, staff, _role(role), field="role")
            staff.name, staff.email, staff.color = new_name, new_email, new_color
            if changes:
                audit_log.record(uow.session, self.clock(), audit_log.STAFF_UPDATED, actor=actor,
                                 subject_type="staff", subject_id=staff.id, subject=staff.email,
                                 detail=changes)
            uow.commit()
            return _record(staff)

    def _set_role(self, session, actor: Actor, staff: Staff, new_role: Role, field: str | None = None) -> None:
        if staff.role == new_role.value:
            return
        if new_role is not Role.ADMIN:
            self._ensure_another_admin(session, staff, field)
        old = staff.role
        staff.role = new_role.value
        audit_log.record(session, self.clock(), audit_log.STAFF_ROLE_CHANGED, actor=actor,
                         subject_type="staff", subject_id=staff.id, subject=staff.email,
                         detail=audit_log.changed(_role_words(old), _role_words(new_role.value)))

    def change_role(self, actor: Actor, staff_id: int, role: str) -> StaffRecord:
        """Needs MANAGE_STAFF. Raises Conflict for the last active admin."""
        new_role = _role(role)
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_STAFF)
            staff = self._get(uow.session, staff_id)
            if staff.role == new_role.value:
                return _record(staff)
            self._set_role(uow.session, actor, staff, new_role)
            uow.commit()
            return _record(staff)

    def set_active(self, actor: Actor, staff_id: int, active: bool) -> StaffRecord:
        """Deactivate or reactivate. Needs MANAGE_STAFF. Raises Conflict for the last admin."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.MANAGE_STAFF)
            staff = self._get(uow.session, staff_id)
            if staff.active == active:
                return _record(staff)
            if not active:
                self._ensure_another_admin(uow.session, staff)
            staff.active = active
            audit_log.record(uow.session, self.clock(),
                             audit_log.STAFF_REACTIVATED if active else audit_log.STAFF_DEACTIVATED,
                             actor=actor, subject_type="staff", subject_id=staff.id, subject=staff.email)
            uow.commit()
            return _record(staff)

    def reset_password(self, actor: Actor, staff_id: int, new_password: str) -> None:
        """Set someone's password and lift their lockout. Needs RESET_STAFF_PASSWORD."""
        with self.unit_of_work() as uow:
            self.authorize(uow, actor, Permission.RESET_STAFF_PASSWORD)
            staff = self._get(uow.session, staff_id)
            self._set_password(uow.session, staff, new_password)
            audit_log.record(uow.session, self.clock(), audit_log.PASSWORD_RESET, actor=actor,
                             subject_type="staff", subject_id=staff.id, subject=staff.email)
            uow.commit()

    def reset_password_offline(self, email: str, new_password: str) -> StaffRecord:
        """For `studio reset-password`: whoever can run commands on the studio PC can
        recover an account. Lifts the lockout. Raises NotFound for an unknown email."""
        key = normalize_email(email)
        with self.unit_of_work() as uow:
            staff = uow.session.scalar(select(Staff).where(Staff.email == key))
            if staff is None:
                raise NotFound(_("No staff account has the email {email}.").format(email=key))
            self._set_password(uow.session, staff, new_password)
            audit_log.record(uow.session, self.clock(), audit_log.PASSWORD_RESET, actor_name=audit_log.SYSTEM_ACTOR,
                             subject_type="staff", subject_id=staff.id, subject=staff.email,
                             detail=[Words(N_("reset from the command line")), Words(N_("lockout lifted"))])
            uow.commit()
            return _record(staff)

    def change_own_password(self, actor: Actor, current: str, new_password: str) -> None:
        """Everyone may change their own password, given the current one."""
        with self.unit_of_work(write=False) as uow:
            staff = self.authorize(uow, actor, Permission.CHANGE_OWN_PASSWORD)
            stored = staff.password_hash
        if not self.services.passwords.verify(stored, current):
            raise ValidationError(_("Your current password is not right."), field="current")
        if new_password == current:
            raise ValidationError(_("Choose a password different from the current one."), field="password")
        with self.unit_of_work() as uow:
            staff = self._get(uow.session, actor.staff_id)
            self._set_password(uow.session, staff, new_password)
            audit_log.record(uow.session, self.clock(), audit_log.PASSWORD_CHANGED, actor=actor,
                             subject_type="staff", subject_id=staff.id, subject=staff.email)
            uow.commit()

    def set_own_language(self, actor: Actor, language: str | None) -> Actor:
        """Everyone chooses the language of their own screens; None follows the studio's.
        Returns the actor with it, for the window to apply."""
        from studio.services.common.settings_store import clean_language

        code = None if language is None else clean_language(language)
        with self.unit_of_work() as uow:
            staff = self.authorize_active(uow, actor)
            if staff.language != code:
                old, staff.language = staff.language, code
                audit_log.record(uow.session, self.clock(), audit_log.STAFF_UPDATED, actor=actor,
                                 subject_type="staff", subject_id=staff.id, subject=staff.email,
                                 detail=audit_log.diff([(N_("Language"), _language_words(old), _language_words(code))]))
            uow.commit()
            return actor_of(staff)

    def _set_password(self, session, staff: Staff, new_password: str) -> None:
        check_policy(new_password, email=staff.email, name=staff.name)
        staff.password_hash = self.services.passwords.hash(new_password)
        staff.password_changed_at = self.clock()
        clear_login_failures(session, staff.email)


def _role_words(role: str) -> Words | str:
    """A stored role as the audit log names it: its label, translated where read."""
    try:
        return Words(ROLE_LABELS[Role(role)])
    except ValueError:
        return role


def _language_words(code: str | None) -> Words | str:
    """A person's own language in the audit log: its name (in itself), or the studio's."""
    # Translators: a person's language in the audit log when they follow the studio's.
    return LANGUAGES.get(code, code) if code else Words(N_("the studio's"))
