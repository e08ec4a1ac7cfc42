"""Feeds and web pages fetched into briefings: RSS and Atom feeds (feedparser), pages by URL.

Each new item becomes a markdown briefing with front matter (title, date,
source, url, author, feed) in its feed's folder, written whole or not at all.
Only http(s) is fetched, sizes are bounded, pages are parsed and never run.
No Textual here: the commands and, later, the app share it.
"""
