"""The screens: the library, the reader and its parts."""

NOTES_POLL_SECONDS = 2.0  # how soon the notes another briefer saves appear on a screen
