// Once the page is drawn and quiet, load the scripts of Streamlit's elements the next click most likely needs
// (ui/warmup.py). Once per browser tab; a failure changes nothing (the element loads its script when drawn).
(() => {
  const scripts = __SCRIPTS__;
  const index = document.querySelector('script[src*="static/js/index"]');
  if (!index || window.clusterlabWarmedUp) return;
  window.clusterlabWarmedUp = true;
  const busy = () => document.querySelector(
    '[data-test-script-state="running"], [data-testid="stSkeleton"], [data-testid="stAppSkeleton"], [data-stale="true"]');
  let quiet = 0;
  const tick = () => {
    quiet = busy() ? 0 : quiet + 1;
    if (quiet < 3) { setTimeout(() => requestIdleCallback(tick), 100); return; }
    scripts.reduce((loaded, file) => loaded.then(() => import(new URL("./" + file, index.src).href)).catch(() => {}),
                   Promise.resolve());
  };
  tick();
})();
