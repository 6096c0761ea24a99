"""The Backups page and the backup parts of the window: the table model, the dialogs, the
settings card, the in-app scheduler and the status-bar age."""
