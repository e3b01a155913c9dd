// Prints the plain totals line CI reads ("N passed, N failed") from Vitest's JSON report.
// A suite that failed to load counts as a failure even though it ran no test.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
const failed = report.numFailedTests + brokenSuites;
console.log(`${report.numPassedTests} passed, ${failed} failed`);
