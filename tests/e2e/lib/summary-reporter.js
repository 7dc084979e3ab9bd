// @ts-check
// A node:test reporter that writes one line, "e2e: N passed, N failed" (and skipped, when any),
// counting tests, not suites. A file that fails to load counts as one failed test.

/**
 * @param {AsyncIterable<{ type: string, data: any }>} source
 * @returns {AsyncGenerator<string>}
 */
export default async function* summary(source) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for await (const event of source) {
        if (event.data?.details?.type === 'suite') continue;
        if (event.type === 'test:pass') {
            if (event.data.skip || event.data.todo) skipped += 1;
            else passed += 1;
        } else if (event.type === 'test:fail') {
            failed += 1;
        }
    }
    yield `e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
