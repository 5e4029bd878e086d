// A mocha reporter: the spec reporter's output plus a JSON result file, so a caller (run-all) knows the
// counts without parsing text. File: the reporter option `resultFile`, else env MOCHA_RESULT_FILE.
//   mocha --reporter out/test/harness/resultReporter.js ...
import Mocha from 'mocha';
import { collectResults, writeResult } from './results';

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const file = (options?.reporterOptions as { resultFile?: string } | undefined)?.resultFile ?? process.env.MOCHA_RESULT_FILE;
    const result = collectResults(runner);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => writeResult(file, result()));
  }
}

export = ResultReporter;
