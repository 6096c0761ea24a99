"""The shell: the main window with its top bar, sidebar and lock screen, the page base and
its PageHost, and the registry of sidebar pages. Areas build on ``Page``/``PageHost``; the
app opens ``MainWindow``."""
