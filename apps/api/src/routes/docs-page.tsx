import type { DocumentedOperation, DocumentedResponse } from '../openapi/operation.ts';
import { Layout } from '../views/layout.tsx';

const pretty = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2));

function ResponseDoc(props: { status: string; response: DocumentedResponse }) {
  const { response } = props;
  return (
    <li>
      <p>
        <strong>{props.status}</strong> {response.description}
        {response.json ? <span class="hint"> · schema {response.json.name}</span> : null}
        {response.otherType ? <span class="hint"> · {response.otherType}</span> : null}
        {response.headers ? <span class="hint"> · headers: {Object.keys(response.headers).join(', ')}</span> : null}
      </p>
      {Object.entries(response.examples ?? {}).map(([name, example]) => (
        <figure>
          <figcaption class="hint">Example: {name}</figcaption>
          <pre>{pretty(example)}</pre>
        </figure>
      ))}
    </li>
  );
}

/** Sends the request with fetch (see /assets/api-docs.js); hidden until that script shows it. */
function TryIt(props: { operation: DocumentedOperation }) {
  const { operation } = props;
  return (
    <form class="try-it" data-method={operation.method.toUpperCase()} data-path={operation.path} hidden>
      <h4>Try it</h4>
      {operation.bearer ? (
        <label class="block">
          Admin token <input type="password" name="token" autocomplete="off" />
        </label>
      ) : null}
      {operation.body ? (
        <label class="block">
          Request body (JSON)
          <textarea name="body" rows={8} spellcheck={false}>
            {pretty(operation.body.example)}
          </textarea>
        </label>
      ) : null}
      <button type="submit" class="primary">
        Send {operation.method.toUpperCase()} {operation.path}
      </button>
      <pre class="try-it-response" aria-live="polite" />
    </form>
  );
}

function OperationDoc(props: { operation: DocumentedOperation; schemas: Record<string, unknown> }) {
  const { operation } = props;
  return (
    <section class="card operation" id={`${operation.method}-${operation.path}`}>
      <h2>
        <span class={`method method-${operation.method}`}>{operation.method.toUpperCase()}</span> <code>{operation.path}</code>
      </h2>
      <p>
        <strong>{operation.summary}.</strong> {operation.description}
      </p>
      {operation.bearer ? (
        <p class="notice">
          Needs the header <code>Authorization: Bearer &lt;ADMIN_TOKEN&gt;</code>.
        </p>
      ) : null}
      {operation.body ? (
        <details>
          <summary>Request body: {operation.body.name} (application/json)</summary>
          <pre>{pretty(props.schemas[operation.body.name])}</pre>
        </details>
      ) : null}
      <h3>Responses</h3>
      <ul class="responses">
        {Object.entries(operation.responses).map(([status, response]) => (
          <ResponseDoc status={status} response={response} />
        ))}
      </ul>
      <TryIt operation={operation} />
    </section>
  );
}

/** The interactive API reference, rendered from the same operations as /api/openapi.json. */
export function ApiDocsPage(props: { operations: DocumentedOperation[]; schemas: Record<string, unknown> }) {
  return (
    <Layout title="API reference">
      <link rel="stylesheet" href="/assets/admin.css" />
      <script src="/assets/api-docs.js" defer />
      <section class="hero">
        <h1>API reference</h1>
        <p class="lead">
          Every JSON endpoint, with its schemas and examples. Machine-readable as <a href="/api/openapi.json">OpenAPI 3.1</a>.
        </p>
      </section>
      <nav class="card" aria-label="Endpoints">
        <ul>
          {props.operations.map((operation) => (
            <li>
              <a href={`#${operation.method}-${operation.path}`}>
                {operation.method.toUpperCase()} {operation.path}
              </a>{' '}
              <span class="hint">{operation.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {props.operations.map((operation) => (
        <OperationDoc operation={operation} schemas={props.schemas} />
      ))}
    </Layout>
  );
}
