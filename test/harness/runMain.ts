// Runs a test or bench entry point: exits with its code, and on Ctrl+C / SIGTERM or a crash cleans up
// first (closes the workbenches and code-servers it started).
export function runMain(main: () => Promise<number>, cleanup: () => Promise<void>): void {
  let aborting = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (aborting) { return; }
      aborting = true;
      void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
    });
  }
  main().then(
    (code) => process.exit(code),
    async (err) => {
      console.error(err);
      await cleanup();
      process.exit(1);
    },
  );
}
