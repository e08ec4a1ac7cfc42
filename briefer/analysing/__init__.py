"""Analysing briefings in this application: the pure extractor (`briefer.extract`) with the
concerns of a process around it.

`extraction` runs the extractor in this process (its word tables cached in the
user's cache folder, the cyclic collector paused); `cache` keeps analyses by
content; `child` is the separate process a long briefing is analysed in; and
`service` is what the reader asks, one per app.

The package imports nothing itself: the app builds its `AnalysisService` at start and loads
the extractor only when a briefing is first analysed (`extraction`, about 60 ms of imports).
"""
