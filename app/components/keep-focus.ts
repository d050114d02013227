import { useEffect, useRef, type RefObject } from "react";

const FOCUSABLE =
  'a[href], button:not([disabled]):not([tabindex="-1"]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Keeps a keyboard user's place when part of a page changes once under them after it has loaded: a plain select
 * replaced by its type-ahead, the fields only a form without JavaScript needs removed as the form turns enhanced.
 * A focused element that goes drops focus on the page, and the next keys go nowhere. Until `changed` is true, this
 * notes where focus is inside `container` and the fields after it; once it is, if focus is on the page, it goes to
 * the same field if there is one (by id: a type-ahead takes its select's), else to the next field still there.
 * `selectText`: select the text of the field focused, so that typing replaces it.
 */
export function useFocusKeptThroughChange(container: RefObject<HTMLElement | null>, changed: boolean, { selectText = false } = {}): void {
  const noted = useRef<Element[]>([]);
  useEffect(() => {
    const root = container.current;
    if (changed || !root) return;
    const note = () => {
      const active = document.activeElement;
      const focusable = active && root.contains(active) ? Array.from(root.querySelectorAll(FOCUSABLE)) : [];
      const at = active ? focusable.indexOf(active) : -1;
      noted.current = at < 0 ? [] : focusable.slice(at, at + 10);
    };
    // Focus moved elsewhere on the page: nothing to keep. (An element removed while focused says no relatedTarget.)
    const leave = (event: FocusEvent) => {
      if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) noted.current = [];
    };
    note(); // focus may have arrived before the page's scripts did
    root.addEventListener("focusin", note);
    root.addEventListener("focusout", leave);
    return () => {
      root.removeEventListener("focusin", note);
      root.removeEventListener("focusout", leave);
    };
  }, [container, changed]);
  useEffect(() => {
    if (!changed) return;
    const [was, ...after] = noted.current;
    noted.current = [];
    if (!was || (document.activeElement && document.activeElement !== document.body)) return;
    const target = (was.id ? document.getElementById(was.id) : null) ?? after.find((element) => element.isConnected);
    if (!(target instanceof HTMLElement)) return;
    target.focus();
    if (selectText && target instanceof HTMLInputElement) target.select();
  }, [changed, selectText]);
}
