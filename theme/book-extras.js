// The book's small additions to mdBook 0.5.4's pages (registered in book.toml as additional-js,
// styled by theme/book.css). Everything here is an enhancement: without JavaScript the book reads
// the same, only less polished.
(function bookExtras() {
    "use strict";

    // 1. mdBook's sidebar toggle is a <label> for a hidden checkbox (mdBook issue #2615): it
    //    cannot take keyboard focus, and aria-label / aria-controls are not allowed on a label.
    //    Give it the role, the tab stop and the keys of a button.
    const toggle = document.getElementById("mdbook-sidebar-toggle");
    if (toggle && toggle.tagName === "LABEL") {
        toggle.setAttribute("role", "button");
        toggle.tabIndex = 0;
        toggle.addEventListener("keydown", (event) => {
            if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                toggle.click();
            }
        });
    }

    const main = document.querySelector("#mdbook-content main") || document.querySelector("main");
    if (!main) {
        return;
    }

    // 2. Block labels: a paragraph that is only a bold phrase, directly above a code block
    //    ("**NumPy**", "**Rust**", "**Output**"), is that block's label.
    for (const p of main.querySelectorAll("p")) {
        const next = p.nextElementSibling;
        if (!next || next.tagName !== "PRE" || p.classList.contains("block-label")) {
            continue;
        }
        const nodes = [...p.childNodes].filter((n) => !(n.nodeType === Node.TEXT_NODE && n.data.trim() === ""));
        if (nodes.length === 1 && nodes[0].nodeName === "STRONG") {
            p.classList.add("block-label");
        }
    }

    // 3. Code in tables may break after "::", "(" and ",", and before a method's "." (not inside
    //    ".." or a number): a <wbr> at each of those points.
    const breakPoint = /(?<=::|[(,])(?=[^\s)])|(?<=[A-Za-z_)\]])(?=\.[A-Za-z_])/g;
    for (const code of main.querySelectorAll("table code")) {
        const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
        const texts = [];
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            texts.push(t);
        }
        for (const text of texts) {
            // No break that would leave a stub of fewer than 4 characters ("a" / ".flags").
            const cuts = [];
            for (const m of text.data.matchAll(breakPoint)) {
                const last = cuts.length > 0 ? cuts[cuts.length - 1] : 0;
                if (m.index - last >= 4 && text.data.length - m.index >= 4) {
                    cuts.push(m.index);
                }
            }
            if (cuts.length === 0) {
                continue;
            }
            const fragment = document.createDocumentFragment();
            let start = 0;
            for (const cut of [...cuts, text.data.length]) {
                if (start > 0) {
                    fragment.appendChild(document.createElement("wbr"));
                }
                fragment.appendChild(document.createTextNode(text.data.slice(start, cut)));
                start = cut;
            }
            text.replaceWith(fragment);
        }
    }

    // 4. A box that scrolls sideways (a long code line, a wide table or formula) gets a tab stop,
    //    so that it can be scrolled with the keyboard (WCAG 2.1.1); a box that fits gets none.
    const boxes = "pre > code, .table-wrapper, .katex";
    function markScrollBoxes() {
        for (const box of main.querySelectorAll(boxes)) {
            const scrolls = box.scrollWidth > box.clientWidth + 1
                && ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
            if (scrolls && !box.hasAttribute("tabindex")) {
                box.tabIndex = 0;
                box.dataset.scrollBox = "";
            } else if (!scrolls && box.dataset.scrollBox !== undefined) {
                box.removeAttribute("tabindex");
                delete box.dataset.scrollBox;
            }
        }
    }
    let pending = 0;
    const later = () => {
        cancelAnimationFrame(pending);
        pending = requestAnimationFrame(markScrollBoxes);
    };
    markScrollBoxes();
    window.addEventListener("load", later);
    window.addEventListener("resize", later);
    if (document.fonts) {
        document.fonts.ready.then(later);
    }
})();
