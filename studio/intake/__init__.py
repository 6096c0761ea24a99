"""The phone intake server: the one part of Linework that speaks HTTP (see server.py).

Imported only when the server starts; it reaches the data only through
``studio.services.intake.PhoneDesk`` and never imports Qt.
"""
