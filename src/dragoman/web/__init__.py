"""The web dashboard and JSON API over a store (see web/commands.py for `dragoman serve`)."""
