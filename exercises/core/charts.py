"""Matplotlib charts as PNG images with alt text.

Why PNG in an ``<img>``: it renders from saved widget state with no JavaScript library and no
network (the offline book), and an ``<img>`` carries the alt text screen readers need.
"""

from __future__ import annotations

import base64
import html
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def png_bytes(fig) -> bytes:
    buffer = io.BytesIO()
    # A fixed layout (no bbox_inches="tight", which draws the figure twice) keeps a redraw fast.
    fig.savefig(buffer, format="png", dpi=96, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def img_html(fig, alt: str, css_class: str = "mpl-chart") -> str:
    data = base64.b64encode(png_bytes(fig)).decode("ascii")
    return (
        f'<img class="{css_class}" alt="{html.escape(alt, quote=True)}" '
        f'src="data:image/png;base64,{data}" style="max-width:100%">'
    )


def bar_chart(labels: list[str], values: list[float], title: str, ylabel: str):
    fig, ax = plt.subplots(figsize=(6.4, 3.2))
    bars = ax.bar(range(len(values)), values, color="#0550ae", width=0.6)
    ax.set_xlim(-0.5 - max(0, 3 - len(values)) / 2, len(values) - 0.5 + max(0, 3 - len(values)) / 2)
    ax.set_xticks(range(len(labels)), labels, rotation=0, fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.bar_label(bars, labels=[f"{v:,.0f}" if v >= 100 else f"{v:g}" for v in values], fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(y=0.15)
    fig.subplots_adjust(left=0.12, right=0.97, top=0.88, bottom=0.15)
    return fig
