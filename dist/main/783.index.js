"use strict";
exports.id = 783;
exports.ids = [783];
exports.modules = {

/***/ 9783:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseWrittenProfile: () => (/* binding */ parseWrittenProfile),
  removeAwsProfile: () => (/* binding */ removeAwsProfile),
  writeAwsProfile: () => (/* binding */ writeAwsProfile)
});

;// CONCATENATED MODULE: ../src/assume-role/profile-files.ts
const HEADER = /^\s*\[(.*)\]\s*$/;
const IGNORABLE = /^\s*([#;].*)?$/;
/** The profile a header names in that kind of file; config names it `profile NAME` (or `default`). */
function profileOfHeader(kind, header) {
    const words = header.trim().split(/\s+/);
    if (kind === 'credentials')
        return words.length === 1 ? words[0] : undefined;
    if (words.length === 2 && words[0] === 'profile')
        return words[1];
    return words.length === 1 && words[0] === 'default' ? 'default' : undefined;
}
function sectionHeader(kind, profile) {
    return kind === 'config' && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`;
}
function sectionsOf(lines, kind, profile) {
    const found = [];
    for (let i = 0; i < lines.length; i += 1) {
        const header = HEADER.exec(lines[i] ?? '');
        if (!header || profileOfHeader(kind, header[1] ?? '') !== profile)
            continue;
        let next = i + 1;
        while (next < lines.length && !HEADER.test(lines[next] ?? ''))
            next += 1;
        let end = next;
        while (end > i + 1 && IGNORABLE.test(lines[end - 1] ?? '') && !isMarker(lines[end - 1] ?? ''))
            end -= 1;
        found.push({ start: i, end });
    }
    return found;
}
const MARKER_PREFIX = '# written by assume-deploy-role ';
function isMarker(line) {
    return line.trim().startsWith(MARKER_PREFIX);
}
/** The comment that makes a section provably ours: only a section carrying this marker is removed. */
function markerLine(marker) {
    return `${MARKER_PREFIX}${marker}; its post step removes this section`;
}
function splitText(text) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const lines = text === '' ? [] : text.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    return { lines, eol };
}
function joinText({ lines, eol }) {
    return lines.length === 0 ? '' : `${lines.join(eol)}${eol}`;
}
function hasProfile(text, kind, profile) {
    return sectionsOf(splitText(text).lines, kind, profile).length > 0;
}
/** A value on one `key = value` line: a line break or control character would start another key or section. */
function checkedValue(key, value) {
    // eslint-disable-next-line no-control-regex
    if (value === '' || /[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value)
        throw new Error(`${key}: not a single-line value`);
    return value;
}
/**
 * The text with exactly one section for `profile` holding `values` and the marker: it takes the
 * place of the first existing section of that name (others of that name are removed, as botocore
 * rejects duplicates), or is appended after a blank line.
 */
function writeProfile(text, kind, profile, values, marker) {
    const parsed = splitText(text);
    const body = [sectionHeader(kind, profile), markerLine(marker), ...values.map(([key, value]) => `${key} = ${checkedValue(key, value)}`)];
    const existing = sectionsOf(parsed.lines, kind, profile);
    const lines = [...parsed.lines];
    for (const section of [...existing].reverse().slice(0, -1))
        lines.splice(section.start, section.end - section.start);
    const first = existing[0];
    if (first)
        lines.splice(first.start, first.end - first.start, ...body);
    else
        lines.push(...(lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : []), ...body);
    return joinText({ lines, eol: parsed.eol });
}
/**
 * The text without the section for `profile` that carries `marker`, with one blank line that
 * separated it; `removed` is false (text unchanged) when no such section is there any more.
 */
function removeProfile(text, kind, profile, marker) {
    const parsed = splitText(text);
    const ours = sectionsOf(parsed.lines, kind, profile).filter(({ start, end }) => parsed.lines.slice(start + 1, end).some((line) => line.trim() === markerLine(marker)));
    if (ours.length === 0)
        return { text, removed: false };
    const lines = [...parsed.lines];
    for (const { start, end } of [...ours].reverse()) {
        const blankBefore = start > 0 && lines[start - 1]?.trim() === '';
        const blankAfter = !blankBefore && start === 0 && lines[end]?.trim() === '';
        lines.splice(blankBefore ? start - 1 : start, end - start + (blankBefore || blankAfter ? 1 : 0));
    }
    return { text: joinText({ lines, eol: parsed.eol }), removed: true };
}
/**
 * The first line of a file the action creates. Jobs sharing a HOME add their sections to it, so
 * whichever post step removes the last one deletes the file, not only the step that created it.
 */
const CREATED_LINE = '# created by assume-deploy-role; deleted when none of its sections is left';
const CREATED_FILE_TEXT = `${CREATED_LINE}\n`;
/**
 * Whether the file may go: nothing but blank lines left in a file this step created, or nothing
 * but the created-file line (any other text, the user's own included, keeps it).
 */
function isLeftover(text, createdByThisStep) {
    const lines = splitText(text).lines.filter((line) => line.trim() !== '');
    if (lines.length === 0)
        return createdByThisStep;
    return lines.length === 1 && lines[0]?.trim() === CREATED_LINE;
}

;// CONCATENATED MODULE: ../src/assume-role/aws-profile.ts

/**
 * Writes the credentials into section `profile` of the credentials file and the region into the
 * config file. When either file already has that profile and `overwrite` is false, nothing is
 * written. The files are read and rewritten under the store's lock, so a step of another job on
 * the same HOME, editing its own section at the same moment, neither loses this one nor has its
 * own lost.
 */
function writeAwsProfile(store, paths, request) {
    return store.exclusive([paths.credentials, paths.config], () => writeSections(store, paths, request));
}
async function writeSections(store, paths, request) {
    const { profile, credentials, region, marker } = request;
    const plans = [
        {
            kind: 'credentials',
            file: paths.credentials,
            values: [
                ['aws_access_key_id', credentials.accessKeyId],
                ['aws_secret_access_key', credentials.secretAccessKey],
                ['aws_session_token', credentials.sessionToken],
            ],
        },
        { kind: 'config', file: paths.config, values: [['region', region]] },
    ];
    const current = await Promise.all(plans.map((plan) => store.read(plan.file)));
    const existing = plans.filter((plan, i) => hasProfile(current[i] ?? '', plan.kind, profile)).map(({ kind, file }) => ({ kind, file }));
    if (existing.length > 0 && !request.overwrite)
        return { ok: false, existing };
    const texts = plans.map((plan, i) => writeProfile(current[i] ?? CREATED_FILE_TEXT, plan.kind, profile, plan.values, marker));
    const files = [];
    try {
        for (const [i, plan] of plans.entries()) {
            await store.write(plan.file, texts[i] ?? '');
            files.push({ kind: plan.kind, file: plan.file, created: current[i] === undefined });
        }
    }
    catch (error) {
        // The step fails and saves no state, so no post step would remove what was written: do it now (the lock is still held).
        await removeSections(store, { profile, marker, files }).catch(() => undefined);
        throw error;
    }
    return { ok: true, written: { profile, marker, files } };
}
/**
 * Removes the sections `written` names, if they still carry its marker; a file it created and
 * emptied goes too, as does one left with only the created-file line (another job created it).
 * Each file is read again under the lock and only the section with this step's marker is taken
 * out of what is there now, so every other section, another job's included, stays.
 */
async function removeAwsProfile(store, written) {
    // A file gone since cannot hold this run's marker (one made later has no reason to): no lock, no folder made for it.
    const present = [];
    for (const entry of written.files)
        if ((await store.read(entry.file)) !== undefined)
            present.push(entry);
    if (present.length === 0)
        return [];
    return store.exclusive(present.map(({ file }) => file), () => removeSections(store, { ...written, files: present }));
}
async function removeSections(store, written) {
    const cleaned = [];
    for (const { kind, file, created } of written.files) {
        const text = await store.read(file);
        if (text === undefined)
            continue;
        const result = removeProfile(text, kind, written.profile, written.marker);
        if (!result.removed)
            continue;
        if (isLeftover(result.text, created))
            await store.remove(file);
        else
            await store.write(file, result.text);
        cleaned.push(file);
    }
    return cleaned;
}
/** The state text back into what the main step wrote; anything else is not ours and is ignored. */
function parseWrittenProfile(state) {
    if (state === '')
        return undefined;
    try {
        const value = JSON.parse(state);
        const filesOk = Array.isArray(value.files) &&
            value.files.every((entry) => (entry.kind === 'credentials' || entry.kind === 'config') && typeof entry.file === 'string' && typeof entry.created === 'boolean');
        return typeof value.profile === 'string' && typeof value.marker === 'string' && filesOk ? value : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ })

};
;