"""Plain links to share a post: no third-party script, nothing loaded until a
reader clicks. The "copy link" button uses Material's own clipboard support
(``data-clipboard-text``), which confirms with "Copied to clipboard"."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    label: str
    href: str
    new_tab: bool = True  # an e-mail opens the reader's mail program instead


def share_links(title: str, address: str) -> list[ShareLink]:
    return [
        ShareLink(
            "Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": address})
        ),
        ShareLink("X", "https://x.com/intent/post?" + urlencode({"url": address, "text": title})),
        ShareLink("WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {address}"})),
        ShareLink("E-mail", f"mailto:?subject={quote(title)}&body={quote(address)}", new_tab=False),
    ]
