"""The look: a few tokens, in a light and a dark variant, turned into a QPalette and one
stylesheet. Widgets never hold colour literals; they set object names and properties
(``variant="primary"``, ``role="muted"``…) that the stylesheet styles."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

RADIUS = 8
FONT_BODY = 14
FONT_SMALL = 12
FONT_TITLE = 16
FONT_PAGE_TITLE = 22


@dataclass(frozen=True)
class Tokens:
    name: str
    background: str
    surface: str
    surface_raised: str
    border: str
    text: str
    text_muted: str
    accent: str
    accent_text: str
    accent_soft: str
    success: str
    warning: str
    danger: str
    selection: str
    shade: str  # time that is closed: outside working hours, days off (the calendar)


LIGHT = Tokens(
    name="light",
    background="#F4F5F8",
    surface="#FFFFFF",
    surface_raised="#FFFFFF",
    border="#E2E5EC",
    text="#171A21",
    text_muted="#5D6575",
    accent="#5B4CE0",
    accent_text="#FFFFFF",
    accent_soft="#ECEAFD",
    success="#13805A",
    warning="#B45309",
    danger="#C8283C",
    selection="#DCD8FB",
    shade="#E9EBF1",
)

DARK = Tokens(
    name="dark",
    background="#0E1016",
    surface="#161922",
    surface_raised="#1E222D",
    border="#2A2F3C",
    text="#E8EAF0",
    text_muted="#9AA2B2",
    accent="#8B7DFF",
    accent_text="#0E1016",
    accent_soft="#25224A",
    success="#34C38F",
    warning="#F0A14A",
    danger="#FF6B7D",
    selection="#3A3570",
    shade="#0A0C11",
)

THEMES = {"light": LIGHT, "dark": DARK}
_current: Tokens = LIGHT


def current() -> Tokens:
    return _current


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def resolve(mode: str) -> Tokens:
    """``mode`` is "light", "dark" or "system" (the default: follow the OS)."""
    if mode in THEMES:
        return THEMES[mode]
    return DARK if system_prefers_dark() else LIGHT


# Message-box icons drawn from studio/ui/icons in the theme's colours (the stylesheet's
# messagebox-*-icon properties), so no stock picture sits beside Lucide's line icons.
MESSAGE_ICONS = {"question": ("circle-alert", "accent"), "information": ("info", "accent"),
                 "warning": ("triangle-alert", "warning"), "critical": ("triangle-alert", "danger")}


def apply(app: QApplication, mode: str = "system") -> Tokens:
    global _current
    tokens = resolve(mode)
    _current = tokens
    app.setStyle("Fusion")
    app.setPalette(_palette(tokens))
    app.setStyleSheet(stylesheet(tokens, _arrow_files(tokens)))
    from studio.ui.kit import icons

    icons.clear_cache()
    return tokens


def _palette(t: Tokens) -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: t.background,
        QPalette.ColorRole.WindowText: t.text,
        QPalette.ColorRole.Base: t.surface,
        QPalette.ColorRole.AlternateBase: t.surface_raised,
        QPalette.ColorRole.Text: t.text,
        QPalette.ColorRole.PlaceholderText: t.text_muted,
        QPalette.ColorRole.Button: t.surface_raised,
        QPalette.ColorRole.ButtonText: t.text,
        QPalette.ColorRole.Highlight: t.selection,
        QPalette.ColorRole.HighlightedText: t.text,
        QPalette.ColorRole.ToolTipBase: t.surface_raised,
        QPalette.ColorRole.ToolTipText: t.text,
        QPalette.ColorRole.Link: t.accent,
        QPalette.ColorRole.Mid: t.border,
        QPalette.ColorRole.Dark: t.border,
        QPalette.ColorRole.Light: t.surface_raised,
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(t.text_muted))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(t.text_muted))
    return p


def luminance(color: str | QColor) -> float:
    """WCAG 2 relative luminance, 0 (black) to 1 (white)."""
    c = QColor(color)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio, 1 to 21: text wants 4.5, the outline of a control 3."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_text_on(hex_color: str) -> str:
    """Black or white, whichever reads better on ``hex_color``."""
    return "#000000" if luminance(hex_color) > 0.179 else "#FFFFFF"


def _arrow_files(t: Tokens) -> dict[str, str]:
    """Stylesheets take images by file name only, so the tinted arrows are written once per
    theme to a cache folder (a few hundred bytes each)."""
    import tempfile
    from pathlib import Path

    from studio.ui.kit.icons import tinted_svg

    folder = Path(tempfile.gettempdir()) / f"linework-theme-{t.name}"
    folder.mkdir(exist_ok=True)
    files = {}
    wanted = {"chevron-down": ("chevron-down", t.text_muted), "chevron-up": ("chevron-up", t.text_muted),
              "check": ("check", t.accent_text)}
    wanted.update({f"messagebox-{kind}": (icon, getattr(t, token)) for kind, (icon, token) in MESSAGE_ICONS.items()})
    for key, (name, color) in wanted.items():
        path = folder / f"{key}.svg"
        data = tinted_svg(name, color)
        if not path.exists() or path.read_text(encoding="utf-8") != data:
            path.write_text(data, encoding="utf-8")
        files[key] = path.as_posix()
    return files


def stylesheet(t: Tokens, arrows: dict[str, str] | None = None) -> str:
    arrows = arrows or {}
    down, up, tick = (arrows.get(name, "") for name in ("chevron-down", "chevron-up", "check"))
    message_icons = " ".join(f"messagebox-{kind}-icon: url({arrows[f'messagebox-{kind}']});"
                             for kind in MESSAGE_ICONS if f"messagebox-{kind}" in arrows)
    r = RADIUS
    return f"""
* {{ font-size: {FONT_BODY}px; dialogbuttonbox-buttons-have-icons: 0; }}
QMessageBox {{ {message_icons} }}
QWidget {{ color: {t.text}; }}
QMainWindow, QDialog, #Page, #LockScreen {{ background: {t.background}; }}
QToolTip {{ background: {t.surface_raised}; color: {t.text}; border: 1px solid {t.border};
  padding: 4px 8px; border-radius: 6px; }}

QLabel[role="muted"] {{ color: {t.text_muted}; }}
QLabel[role="small"] {{ color: {t.text_muted}; font-size: {FONT_SMALL}px; }}
#UrlText {{ background: transparent; border: none; padding: 0; color: {t.text_muted}; font-size: {FONT_SMALL}px; }}
QLabel[role="title"] {{ font-size: {FONT_TITLE}px; font-weight: 600; }}
QLabel[role="pageTitle"] {{ font-size: {FONT_PAGE_TITLE}px; font-weight: 700; }}
QLabel[role="display"] {{ font-size: 28px; font-weight: 700; }}
QLabel[role="figure"] {{ font-size: 22px; font-weight: 700; }}
QLabel[role="error"] {{ color: {t.danger}; font-size: {FONT_SMALL}px; }}
QLabel[role="success"] {{ color: {t.success}; font-size: {FONT_SMALL}px; }}
QLabel[role="warning"] {{ color: {t.warning}; font-size: {FONT_SMALL}px; }}
QLabel[role="fieldLabel"] {{ color: {t.text_muted}; font-size: {FONT_SMALL}px; font-weight: 600; }}

#TopBar {{ background: {t.surface}; border-bottom: 1px solid {t.border}; }}
#Brand {{ font-size: {FONT_TITLE}px; font-weight: 700; }}
#TopBar QLineEdit#GlobalSearch {{ background: {t.background}; }}
#TopBar QLineEdit#GlobalSearch:focus {{ background: {t.surface}; }}
QFrame#SearchPopup {{ background: {t.surface_raised}; border: 1px solid {t.border}; border-radius: {r}px; }}
QListView#SearchResults {{ background: transparent; border: none; outline: none; }}
#Sidebar {{ background: {t.surface}; border-right: 1px solid {t.border}; }}
#Sidebar QLabel[role="section"] {{ color: {t.text_muted}; font-size: 11px; font-weight: 700;
  padding: 12px 12px 4px 12px; }}
QPushButton#NavButton {{ text-align: left; padding: 8px 12px; border: none; border-radius: {r}px;
  background: transparent; color: {t.text_muted}; font-weight: 500; }}
QPushButton#NavButton:hover {{ background: {t.surface_raised}; color: {t.text}; }}
QPushButton#NavButton:checked {{ background: {t.accent_soft}; color: {t.accent}; font-weight: 600; }}
QLabel#Badge {{ background: {t.accent}; color: {t.accent_text}; border-radius: 9px; padding: 0 6px;
  font-size: 11px; font-weight: 700; min-height: 18px; }}

QFrame#Card {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 12px; }}
QFrame#Divider {{ background: {t.border}; max-height: 1px; min-height: 1px; border: none; }}
QFrame#EmptyState {{ background: {t.surface}; border: 1px dashed {t.border}; border-radius: 12px; }}

QPushButton {{ background: {t.surface_raised}; border: 1px solid {t.border}; border-radius: {r}px;
  padding: 7px 14px; font-weight: 500; }}
QPushButton:hover {{ border-color: {t.text_muted}; }}
QPushButton:focus {{ border-color: {t.accent}; }}
QPushButton:disabled {{ color: {t.text_muted}; background: {t.background}; }}
QPushButton[variant="primary"] {{ background: {t.accent}; color: {t.accent_text}; border: 1px solid {t.accent};
  font-weight: 600; }}
QPushButton[variant="primary"]:hover {{ background: {t.accent}; border-color: {t.text}; }}
QPushButton[variant="primary"]:disabled {{ background: {t.accent_soft}; color: {t.text_muted};
  border-color: {t.accent_soft}; }}
QPushButton[variant="danger"] {{ background: {t.danger}; color: {readable_text_on(t.danger)}; border: 1px solid {t.danger};
  font-weight: 600; }}
QPushButton[variant="danger"]:disabled {{ background: {t.background}; color: {t.text_muted};
  border-color: {t.border}; }}
QPushButton[variant="ghost"] {{ background: transparent; border: 1px solid transparent; }}
QPushButton[variant="ghost"]:hover {{ background: {t.surface_raised}; border-color: {t.border}; }}
QPushButton[variant="link"] {{ background: transparent; border: 1px solid transparent; color: {t.accent};
  padding: 4px 6px; text-align: left; font-weight: 500; }}
QPushButton[variant="link"]:hover {{ text-decoration: underline; }}
QPushButton[variant="link"]:focus {{ border-color: {t.accent}; }}
QPushButton[segment="first"], QPushButton[segment="middle"], QPushButton[segment="last"] {{
  border-radius: 0; padding: 6px 14px; margin: 0; background: {t.surface}; color: {t.text_muted}; }}
QPushButton[segment="first"] {{ border-top-left-radius: {r}px; border-bottom-left-radius: {r}px; }}
QPushButton[segment="last"] {{ border-top-right-radius: {r}px; border-bottom-right-radius: {r}px; }}
QPushButton[segment="middle"], QPushButton[segment="last"] {{ border-left: none; }}
QPushButton[segment="first"]:checked, QPushButton[segment="middle"]:checked, QPushButton[segment="last"]:checked {{
  background: {t.accent_soft}; color: {t.accent}; font-weight: 600; }}
#MiniMonth QTableView {{ border: none; border-radius: 0; background: {t.surface}; }}
#MiniMonth QTableView::item {{ padding: 0; border: none; }}
#MiniMonth QWidget#qt_calendar_navigationbar {{ background: {t.surface}; }}
#MiniMonth QToolButton {{ color: {t.text}; font-weight: 600; padding: 2px 4px; }}
#MiniMonth QToolButton::menu-indicator {{ image: none; }}
QLabel[role="pill"] {{ border-radius: 10px; padding: 2px 10px; font-size: {FONT_SMALL}px; font-weight: 600;
  background: {t.surface_raised}; color: {t.text_muted}; border: 1px solid {t.border}; }}
QLabel[role="pill"][level="ok"] {{ color: {t.success}; border-color: {t.success}; }}
QLabel[role="pill"][level="danger"] {{ color: {t.danger}; border-color: {t.danger}; }}
QLabel[role="banner"] {{ background: {t.surface}; color: {t.danger}; border: 1px solid {t.danger};
  border-radius: {r}px; padding: 6px 10px; }}
QToolButton {{ background: transparent; border: 1px solid transparent; border-radius: {r}px; padding: 5px; }}
QToolButton:hover {{ background: {t.surface_raised}; border-color: {t.border}; }}
QToolButton::menu-indicator {{ image: none; }}

QLineEdit, QComboBox, QSpinBox, QDateEdit, QTimeEdit, QPlainTextEdit, QTextEdit {{
  background: {t.surface}; border: 1px solid {t.border}; border-radius: {r}px; padding: 6px 10px;
  min-height: 20px; selection-background-color: {t.selection}; selection-color: {t.text}; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus, QTimeEdit:focus, QPlainTextEdit:focus,
QTextEdit:focus {{
  border: 1px solid {t.accent}; }}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QTimeEdit[invalid="true"] {{ border: 1px solid {t.danger}; }}
QLineEdit:read-only {{ background: {t.background}; color: {t.text_muted}; }}
QComboBox::drop-down, QDateEdit::drop-down {{ border: none; width: 28px; }}
QComboBox::down-arrow, QDateEdit::down-arrow {{ image: url({down}); width: 14px; height: 14px; }}
QSpinBox::up-button, QSpinBox::down-button, QTimeEdit::up-button, QTimeEdit::down-button {{ border: none; width: 20px; }}
QSpinBox::up-arrow, QTimeEdit::up-arrow {{ image: url({up}); width: 12px; height: 12px; }}
QSpinBox::down-arrow, QTimeEdit::down-arrow {{ image: url({down}); width: 12px; height: 12px; }}

QTabWidget::pane {{ border: none; border-top: 1px solid {t.border}; top: -1px; }}
QTabBar::tab {{ background: transparent; color: {t.text_muted}; padding: 8px 14px; margin-right: 4px;
  border: none; border-bottom: 2px solid transparent; font-weight: 500; }}
QTabBar::tab:hover {{ color: {t.text}; }}
QTabBar::tab:selected {{ color: {t.accent}; border-bottom: 2px solid {t.accent}; font-weight: 600; }}
QComboBox QAbstractItemView {{ background: {t.surface_raised}; border: 1px solid {t.border};
  selection-background-color: {t.selection}; outline: none; }}

QTableView {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 12px;
  gridline-color: transparent; selection-background-color: {t.selection}; selection-color: {t.text};
  alternate-background-color: {t.background}; outline: none; }}
QTableView::item {{ padding: 6px 8px; border-bottom: 1px solid {t.border}; }}
QHeaderView::section {{ background: {t.surface}; color: {t.text_muted}; border: none;
  border-bottom: 1px solid {t.border}; padding: 8px; font-size: {FONT_SMALL}px; font-weight: 600; }}
QTableCornerButton::section {{ background: {t.surface}; border: none; }}

QMenu {{ background: {t.surface_raised}; border: 1px solid {t.border}; border-radius: {r}px; padding: 4px; }}
QMenu::item {{ padding: 6px 24px 6px 12px; border-radius: 6px; }}
QMenu::item:selected {{ background: {t.selection}; }}
QMenu::separator {{ height: 1px; background: {t.border}; margin: 4px 8px; }}

QStatusBar {{ background: {t.surface}; border-top: 1px solid {t.border}; color: {t.text_muted}; }}
QStatusBar QLabel {{ color: {t.text_muted}; font-size: {FONT_SMALL}px; padding: 0 8px; }}
QStatusBar QLabel[level="ok"] {{ color: {t.success}; }}
QStatusBar QLabel[level="warning"] {{ color: {t.warning}; font-weight: 600; }}
QStatusBar QLabel[level="danger"] {{ color: {t.danger}; font-weight: 600; }}
QProgressBar {{ background: {t.surface}; border: 1px solid {t.border}; border-radius: 4px; max-height: 8px; }}
QProgressBar::chunk {{ background: {t.accent}; border-radius: 3px; }}
QPushButton[level="warning"] {{ color: {t.warning}; font-weight: 600; }}
QPushButton[level="danger"] {{ color: {t.danger}; font-weight: 600; }}
QFrame#WarningCard {{ background: {t.surface}; border: 1px solid {t.warning}; border-radius: 12px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {t.border}; border-radius: 4px; min-height: 24px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; width: 0; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 2px; }}
QScrollBar::handle:horizontal {{ background: {t.border}; border-radius: 4px; min-width: 24px; }}
QCheckBox {{ spacing: 8px; }}
QCheckBox::indicator {{ width: 16px; height: 16px; border: 1px solid {t.text_muted}; border-radius: 4px;
  background: {t.surface}; }}
QCheckBox::indicator:hover {{ border-color: {t.accent}; }}
QCheckBox::indicator:checked {{ background: {t.accent}; border-color: {t.accent}; image: url({tick}); }}
QCheckBox::indicator:disabled {{ background: {t.background}; border-color: {t.border}; }}
QCheckBox::indicator:checked:disabled {{ background: {t.accent_soft}; border-color: {t.accent_soft}; }}
"""
