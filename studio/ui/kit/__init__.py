"""The UI's toolbox, shared by the shell and every area: off-GUI-thread tasks and the long
job, the crash reporter, the lazy table models, widgets, the form dialog and its checks,
prompts, theme, icons, formatting, printing. Import the module you need
(``from studio.ui.kit import theme``); nothing here knows about an area."""
