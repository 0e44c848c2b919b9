"""Everything that draws or exports, without Streamlit: theme, chart frames, charts, figures,
snapshots (SVG/PNG), the deck, the briefing pack, the marking and the side-by-side tables.

`python -m briefing` writes a briefing pack from the command line (see `briefing.cli`)."""
