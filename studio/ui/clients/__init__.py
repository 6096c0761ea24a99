"""The Clients page's pieces: the lazy table model, the client view with its tabs, the QR
panel and the data-rights dialogs."""
