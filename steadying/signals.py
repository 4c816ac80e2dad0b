"""Signals steadying sends for apps above it.

``card_sent(sender, from_id: int, recipient_id: int, key: str)`` is sent after the commit when a
person who chose "when I tap, also send my partner my card" taps "I'm flooded". ``key`` is
"card:<random hex>", one per tap; it carries nothing anyone wrote, and nothing about why. prompts
listens and puts a neutral note in the partner's inbox that leads to the card.
"""

from django.dispatch import Signal

card_sent = Signal()
