"""One chart theme for screen and export: fonts that always exist, colour-blind-safe palettes."""

from __future__ import annotations

from typing import Any

# A named face with a generic fallback, so text never vanishes where the face is missing.
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"

# Okabe & Ito (2008) colour-blind-safe palette; one fixed colour per option in every chart.
OPTION_COLOURS = {
    "keep_storage": "#0072B2",
    "keep_serviced": "#000000",
    "supervised_storage": "#56B4E9",
    "activate": "#D55E00",
    "sell_back_russia": "#CC79A7",
    "sell_third_country": "#E69F00",
    "transfer_west": "#009E73",
    "dismantle": "#F0E442",  # yellow, not grey: grey reads as "no data"
    # Strategies: colours apart from the options' and the criteria's.
    "try_buyback_else_dismantle": "#9467BD",
    "try_third_country_else_dismantle": "#8C564B",
    "try_buyback_then_third_country_else_dismantle": "#17BECF",
}

# Paul Tol's "muted" palette (colour-blind safe) for criteria, in the model's criterion order.
CRITERION_COLOURS = {
    "f35_prospects": "#332288",
    "air_defence": "#88CCEE",
    "sanctions_exposure": "#44AA99",
    "net_financial": "#117733",
    "russia_risk": "#CC6677",
    "leverage": "#DDCC77",
    "industrial_autonomy": "#882255",
    "domestic_acceptability": "#AA4499",
    "reversibility": "#999933",
}

VALUE_SCHEME = "viridis"

INK = "#1f2430"  # text: the dashboard's, the exports' and the deck's
MARKING_COLOUR = "#b00020"  # the marking line on exports and slides

# Up to four compared scenarios: blue, orange, sky blue and black from Okabe & Ito, never a
# red-green pair (the hardest to tell apart with the commonest colour-vision deficiencies).
COMPARISON_COLOURS = ("#0072B2", "#E69F00", "#56B4E9", "#000000")


PRESENTATION_SCALE = 1.5


def chart_config(scale: float = 1.0) -> dict[str, Any]:
    """Vega-Lite config for every chart; the presentation scale also brings high contrast."""
    strong = scale >= PRESENTATION_SCALE
    ink = "#000000" if strong else INK
    labels = {  # shared by axes and legends
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": 12 * scale,
        "titleFontSize": 13 * scale,
        "labelColor": ink,
        "titleColor": ink,
    }
    return {
        "font": FONT,
        "background": "white",
        "view": {"stroke": "#000000" if strong else None},
        "title": {
            "font": FONT,
            "fontSize": 16 * scale,
            "fontWeight": "bold",
            "anchor": "start",
            "color": ink,
        },
        "axis": {
            **labels,
            "domainColor": ink,
            "tickColor": ink,
            "gridColor": "#9a9a9a" if strong else "#e6e8eb",
        },
        "legend": {
            **labels,
            "orient": "bottom",
            "columns": 2 if strong else 3,  # narrow enough for a laptop screen
            "labelLimit": 320 * scale,  # a strategy's name whole, in three columns at 1280 px
        },
        "text": {"font": FONT, "fontSize": 12 * scale, "color": ink},
    }
