import { useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer, BodyOf } from '../api/types.ts';
import { fetchReportingUpload } from '../api/upload-progress.ts';
import { ProblemMessage } from '../components/problem-message.tsx';

type Report = Answer<'importQuestions'>;
type Format = Extract<BodyOf<'importQuestions'>, { content: string }>['format'];
const FORMATS: ReadonlyArray<{ format: Format; label: string }> = [
  { format: 'json', label: 'JSON' },
  { format: 'opentriviaqa', label: 'OpenTriviaQA text' },
];

/** Upload a file of questions, follow its progress, read the report: every rejected block by file and line. */
export function AdminImport() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('json');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const upload = async (event: Event) => {
    event.preventDefault();
    if (file === null) return setProblem({ ...NO_FILE });
    setProblem(null);
    setReport(null);
    const name = file.name;
    try {
      setProgress({ step: 'uploading', name, sent: 0, total: file.size });
      const reportUpload = fetchReportingUpload(({ sent, total }) =>
        // Once the last byte is out, the server checks and stores the questions: that takes the time left.
        setProgress(sent < total ? { step: 'uploading', name, sent, total } : { step: 'importing', name }),
      );
      // The file's bytes as they are, not the browser's reading of them as UTF-8: the server reads
      // UTF-8 and Windows-1252 alike (the data set mixes both), where the browser would lose characters.
      const done = await dataOf(
        api.POST('/api/v1/admin/questions/import', {
          params: { query: { fileName: name, format } },
          body: file,
          // openapi-fetch writes every body as JSON unless told: a file goes as it is.
          bodySerializer: (sent) => (sent instanceof Blob ? sent : JSON.stringify(sent)),
          headers: { 'content-type': 'application/octet-stream' },
          fetch: reportUpload,
        }),
      );
      setProgress({ step: 'done', name });
      setReport(done);
    } catch (error) {
      setProgress(null);
      setProblem(asProblem(error));
    }
  };

  return (
    <section>
      <h1>Import questions</h1>
      <form onSubmit={upload}>
        <label for="import-file">File</label>
        <input id="import-file" type="file" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        <label for="import-format">Format</label>
        <select
          id="import-format"
          value={format}
          onChange={(e) =>
            setFormat(FORMATS.find((item) => item.format === e.currentTarget.value)?.format ?? 'json')
          }
        >
          {FORMATS.map((item) => (
            <option key={item.format} value={item.format}>
              {item.label}
            </option>
          ))}
        </select>
        <button type="submit">Import</button>
      </form>
      <ImportProgress progress={progress} />
      <ProblemMessage problem={problem} />
      {report === null ? null : <ImportReport report={report} />}
    </section>
  );
}

/** Where an import stands: the file sent (with how much), checked and stored by the server, done. */
type Progress =
  | { readonly step: 'importing' | 'done'; readonly name: string }
  | { readonly step: 'uploading'; readonly name: string; readonly sent: number; readonly total: number };

const KIB = 1024;
const sizeOf = (bytes: number) =>
  bytes < KIB * KIB ? `${Math.ceil(bytes / KIB)} KiB` : `${(bytes / (KIB * KIB)).toFixed(1)} MiB`;

function ImportProgress({ progress }: { progress: Progress | null }) {
  const said = progress === null ? '' : sayProgress(progress);
  return (
    <div class="progress">
      {progress === null || progress.step === 'done' ? null : (
        // A progress bar without a value is indeterminate: the server does not say how far it is.
        <progress
          aria-label="Import progress"
          {...(progress.step === 'uploading' ? { value: progress.sent, max: progress.total } : {})}
        />
      )}
      <p aria-live="polite">{said}</p>
    </div>
  );
}

/** An empty file is all sent before it starts. */
const percentOf = (sent: number, total: number) => (total === 0 ? 100 : Math.floor((100 * sent) / total));

function sayProgress(progress: Progress): string {
  switch (progress.step) {
    case 'uploading':
      return `Uploading ${progress.name}: ${sizeOf(progress.sent)} of ${sizeOf(progress.total)} (${percentOf(progress.sent, progress.total)}%)…`;
    case 'importing':
      return `Uploaded ${progress.name}; checking and storing its questions…`;
    case 'done':
      return `Imported ${progress.name}.`;
  }
}

const NO_FILE: Problem = { title: 'Choose a file first.', detail: null, code: null, status: 0, signIn: null };

function ImportReport({ report }: { report: Report }) {
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">Report</h2>
      <ul>
        <li>Read: {report.read}</li>
        <li>Imported: {report.imported}</li>
        <li>Duplicates: {report.duplicates}</li>
        <li>Reactivated: {report.reactivated}</li>
        <li>Rejected: {report.rejected}</li>
        <li>
          By kind: {report.byKind.free_text} free text, {report.byKind.true_false} true or false,{' '}
          {report.byKind.needs_options} needing options
        </li>
      </ul>
      {Object.keys(report.rejectedByReason).length === 0 ? null : (
        <ul aria-label="Rejected by reason">
          {Object.entries(report.rejectedByReason).map(([reason, count]) => (
            <li key={reason}>
              {reason}: {String(count)}
            </li>
          ))}
        </ul>
      )}
      {report.rejections.length === 0 ? null : (
        <table>
          <caption>Rejected blocks</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Line</th>
              <th scope="col">Reason</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {report.rejections.map((rejection) => (
              <tr key={`${rejection.file}:${rejection.line}`}>
                <td>{rejection.file}</td>
                <td>{rejection.line}</td>
                <td>{rejection.reason}</td>
                <td>
                  <code>{rejection.excerpt}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.rejectionsOmitted > 0 ? (
        <p>{report.rejectionsOmitted} more rejections are not listed.</p>
      ) : null}
      {report.warnings.length === 0 ? null : (
        <ul aria-label="Warnings">
          {report.warnings.map((warning) => (
            <li key={`${warning.file}:${warning.line}`}>
              {warning.file}, line {warning.line}: {warning.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
