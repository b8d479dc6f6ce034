/**
 * Details of the deployment-config rules that the fixtures' line-level expectations cannot see:
 * where a finding starts, how it names what it found, and the YAML helpers behind them.
 */
import { describe, expect, it } from 'vitest';
import { configLines, flowMapping, reportYamlLine } from '../src/rules/config/text.js';
import { stickyGateway } from '../src/rules/config/sticky-gateway.js';
import { stickyK8s } from '../src/rules/config/sticky-k8s.js';
import { stickyTraefik } from '../src/rules/config/sticky-traefik.js';
import { stickyAws } from '../src/rules/config/sticky-aws.js';
import { stickyHaproxy } from '../src/rules/config/sticky-haproxy.js';
import { stickyCaddy } from '../src/rules/config/sticky-caddy.js';
import { sseClientConfig } from '../src/rules/config/sse-client-config.js';
import { singleInstance } from '../src/rules/config/single-instance.js';
import { classifyFile } from '../src/scan/files.js';
import type { ConfigRule, Report } from '../src/rules/types.js';

function run(rule: ConfigRule, text: string, path = 'x.yaml'): Report[] {
  const reports: Report[] = [];
  const kind = classifyFile(path);
  if (kind?.type !== 'config') throw new Error(`${path} is not config`);
  rule.check({ path, text, lower: text.toLowerCase(), kind: kind.kind }, (r) => reports.push(r));
  return reports;
}

describe('config rules', () => {
  it('name the codemod that rewrites a finding, and none where sticky-config only marks it (trial 19C)', () => {
    const haproxy = run(stickyHaproxy, 'backend mcp\n    stick on req.hdr(mcp-session-id)\n    balance source\n', 'haproxy.cfg');
    expect(haproxy.map((r) => [r.message.split(' ')[0], r.manual])).toEqual([['stick', undefined], ['balance', true]]);
    expect(stickyHaproxy.fix.codemod).toBe('sticky-config');
    // Traefik labels are sticky-traefik's, which names no codemod (sticky-config marks them; trial 30A: they were sticky-k8s's).
    const compose = 'services:\n  mcp:\n    labels:\n      - "traefik.http.services.mcp.loadbalancer.sticky.cookie=true"\n';
    expect(run(stickyK8s, compose, 'docker-compose.yml')).toEqual([]);
    expect(run(stickyTraefik, compose, 'docker-compose.yml').map((r) => r.message)).toEqual(['Traefik sticky cookie on service mcp pins each client to one container']);
    expect(stickyTraefik.fix.codemod).toBeUndefined();
    expect(stickyTraefik.fix.advice?.({ message: 'Traefik sticky cookie on service mcp pins each client to one container' })).toMatch(/^Delete the sticky labels/);
    // Cloud Run and Kubernetes Service affinity in Terraform is rewritten; what sticky-config does not read (Bicep, scripts) or only marks is manual.
    const tf = 'resource "google_cloud_run_v2_service" "mcp" {\n  template {\n    session_affinity = true\n  }\n}\nresource "google_compute_backend_service" "lb" {\n  session_affinity = "CLIENT_IP"\n}\n';
    expect(run(stickyK8s, tf, 'main.tf').map((r) => r.manual)).toEqual([undefined, true]);
    expect(run(stickyK8s, "resource app 'x' = {\n  properties: { configuration: { ingress: { stickySessions: { affinity: 'sticky' } } } }\n}\n", 'app.bicep').map((r) => r.manual)).toEqual([true]);
    expect(run(stickyK8s, 'gcloud run deploy mcp --session-affinity\n', 'deploy.sh').map((r) => r.manual)).toEqual([true]);
    expect(run(stickyK8s, 'steps:\n  - run: gcloud run deploy mcp --session-affinity\n', 'deploy.yml').map((r) => r.manual)).toEqual([true]);
  });

  it('start a YAML finding at its key, also after a dash followed by several spaces', () => {
    const text = 'spec:\n  sessionAffinity:\n    -   type: CLIENT_IP\n';
    const [report] = run(stickyK8s, text);
    expect(text.slice(report.start, report.end)).toBe('type: CLIENT_IP');
  });

  it('name a header as written, whatever the case of the keys around it', () => {
    const [report] = run(stickyGateway, 'route:\n  hashPolicy: [{ header: { headerName: MySessionId } }]\n');
    expect(report.message).toBe('Envoy hash_policy on the MySessionId header, pinning each session to one upstream host');
  });

  it('cover the block a reported key opens', () => {
    const text = 'hash_policy:\n  - cookie:\n      name: mcp-session-id\n      ttl: 0s\nother: 1\n';
    const [report] = run(stickyGateway, text);
    expect(text.slice(report.start, report.end)).toBe('cookie:');
    expect(text.slice(report.start, report.covers)).toBe('cookie:\n      name: mcp-session-id\n      ttl: 0s');
    const plain: Report[] = [];
    reportYamlLine(configLines({ path: 'y.yaml', text: 'a: 1\nb: 2\n' }), 0, (r) => plain.push(r), 'm');
    expect(plain[0].covers).toBeUndefined();
  });

  it('read one-line flow mappings, keeping nested ones as written', () => {
    const code = "route: { cluster: 'mcp', hash_policy: [{ connection_properties: { source_ip: true } }], timeout: 1s }";
    expect([...flowMapping(code, code.indexOf('{'))]).toEqual([
      ['cluster', 'mcp'],
      ['hash_policy', '[{ connection_properties: { source_ip: true } }]'],
      ['timeout', '1s'],
    ]);
  });
});

describe("sticky-k8s beside another application's objects (trial 36C)", () => {
  const service = (name: string, app: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    app: ${app}\n  sessionAffinity: ClientIP\n`;
  const ingress = (paths: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: edge\nspec:\n  rules:\n    - http:\n        paths:\n${paths}`;
  const path = (p: string, svc: string) => `          - path: ${p}\n            pathType: Prefix\n            backend:\n              service:\n                name: ${svc}\n                port: { number: 80 }\n`;
  // The `metadata.name` of the object each finding is in.
  const reported = (text: string) => run(stickyK8s, text).map((r) => [...text.slice(0, r.start).matchAll(/^ {2}name: (\S+)$/gm)].pop()?.[1]);

  it('leaves the Service of a catch-all route beside the /mcp one, reports the MCP one', () => {
    const text = [service('assistant', 'assistant'), service('web', 'web'), ingress(path('/mcp', 'assistant') + path('/', 'web'))].join('---\n');
    expect(reported(text)).toEqual(['assistant']);
  });

  it('keeps reporting a Service that selects the MCP pods under another name (an NLB beside the Ingress)', () => {
    const text = [service('assistant', 'assistant'), service('public-lb', 'assistant'), ingress(path('/mcp', 'assistant'))].join('---\n');
    expect(reported(text)).toEqual(['assistant', 'public-lb']);
  });

  it('concludes nothing when the MCP Service is defined elsewhere or the routes cannot be paired', () => {
    // The Ingress sends /mcp to a Service of another file: whose pods `web` selects is unknown.
    const elsewhere = [service('web', 'web'), ingress(path('/mcp', 'assistant'))].join('---\n');
    expect(reported(elsewhere)).toEqual(['web']);
    // A backend named before its path: which path goes where is not read, so everything stays reported.
    const backendFirst = [service('assistant', 'assistant'), service('web', 'web'), ingress('          - backend: { service: { name: web } }\n            path: /\n' + path('/mcp', 'assistant'))].join('---\n');
    expect(reported(backendFirst)).toEqual(['assistant', 'web']);
    // No MCP path routed at all: both stay reported. An LLM API's /v1/messages is no MCP path.
    const noMcpPath = [service('assistant', 'assistant'), service('web', 'web'), ingress(path('/', 'web') + path('/v1/messages', 'assistant'))].join('---\n');
    expect(reported(noMcpPath)).toEqual(['assistant', 'web']);
    // Backends split by weight (blue/green): only the first of a list would be read, so nothing is concluded.
    const route = (refs: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: edge\nspec:\n  rules:\n    - matches:\n        - path: { type: PathPrefix, value: /mcp }\n      backendRefs:\n${refs}`;
    const blueGreen = [service('assistant-blue', 'blue'), service('green', 'green'), route('        - name: assistant-blue\n          weight: 90\n        - name: green\n          weight: 10\n')].join('---\n');
    expect(reported(blueGreen)).toEqual(['assistant-blue', 'green']);
  });

  it('keeps reporting a Service whose selector picks some of the MCP pods (a subset or superset of its pairs)', () => {
    const two = (name: string, pairs: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  selector: { ${pairs} }\n  sessionAffinity: ClientIP\n`;
    const text = [two('tools', 'app: tools, instance: prod'), two('tools-public', 'app: tools'), two('shop', 'app: shop'), ingress(path('/mcp', 'tools'))].join('---\n');
    expect(reported(text)).toEqual(['tools', 'tools-public']);
  });
});

describe('sticky-k8s on managed platforms (trial 30A)', () => {
  it('reports a deployment command at its first line, covering the flag on a continued line, and says how to turn it off', () => {
    const text = 'set -e\ngcloud run deploy mcp \\\n  --image "$IMAGE" \\\n  --session-affinity\n';
    const [report, ...more] = run(stickyK8s, text, 'deploy.sh');
    expect(more).toEqual([]);
    expect(text.slice(report.start, report.end)).toBe('gcloud run deploy mcp \\');
    expect(text.slice(report.start, report.covers)).toMatch(/--session-affinity$/);
    expect(report.message).toBe('gcloud --session-affinity pins each client to one Cloud Run instance: deploy with --no-session-affinity once the server keeps no per-instance state (a deploy without the flag keeps it on)');
    expect(stickyK8s.fix.advice?.({ message: report.message })).toBe('Deploy with --no-session-affinity once the server keeps no per-instance state (a deploy without the flag keeps it on).');
    const az = 'az containerapp ingress sticky-sessions set \\\n  --name mcp --resource-group rg \\\n  --affinity sticky\n';
    expect(run(stickyK8s, az, 'deploy.sh').map((r) => [az.slice(r.start, r.end), r.message])).toEqual([
      ['az containerapp ingress sticky-sessions set \\', 'az containerapp ingress sticky-sessions set --affinity sticky pins each client to one replica: set --affinity none once the server keeps no per-replica state'],
    ]);
    expect(stickyK8s.fix.advice?.({ message: run(stickyK8s, az, 'deploy.sh')[0].message })).toBe('Set --affinity none once the server keeps no per-replica state.');
    // What sticky-config rewrites has the advice of its own kind; the rule's other findings its manual step.
    expect(stickyK8s.fix.advice?.({ message: 'Cloud Run session affinity (google_cloud_run_v2_service.mcp session_affinity = true) pins each client to one instance' })).toMatch(/^Delete `session_affinity`/);
    expect(stickyK8s.fix.advice?.({ message: 'Ingress cookie affinity pins each client to one pod' })).toBeUndefined();
  });

  it('reads a flag by its value: none, false and other words are no affinity, and --no-session-affinity is another flag', () => {
    const messages = (line: string) => run(stickyK8s, `${line}\n`, 'x.sh').map((r) => r.message.split(' pins')[0]);
    expect(messages('gcloud run deploy mcp --no-session-affinity')).toEqual([]);
    expect(messages('gcloud compute backend-services update lb --session-affinity=NONE')).toEqual([]);
    expect(messages('gcloud compute backend-services update lb --session-affinity CLIENT_IP_PROTO')).toEqual(['gcloud compute backend-services --session-affinity=CLIENT_IP_PROTO']);
    expect(messages('kubectl expose deploy/mcp --port 80 --session-affinity=None')).toEqual([]);
    expect(messages("kubectl expose deploy/mcp --port 80 --session-affinity='ClientIP'")).toEqual(['kubectl expose --session-affinity=ClientIP']);
    // The next argument is no value: the service's name after the bare flag.
    expect(messages('gcloud run deploy --session-affinity mcp-server --source .')).toEqual(['gcloud --session-affinity']);
    expect(messages('az containerapp ingress sticky-sessions set -n mcp -g rg --affinity=none')).toEqual([]);
    expect(messages('az webapp update -n mcp -g rg --affinity sticky')).toEqual([]);
  });

  it('does not read a value taken from a variable, and names the CLI a flag belongs to (review 9)', () => {
    const messages = (text: string, path = 'x.sh') => run(stickyK8s, `${text}\n`, path).map((r) => r.message);
    // The reviewer's script: both affinities come from variables, and may well be NONE.
    expect(messages('AFFINITY="${AFFINITY:-NONE}"\ngcloud compute backend-services update notes-backend --global --session-affinity "$AFFINITY"\nkubectl expose deployment notes --port 80 --session-affinity "${K8S_AFFINITY}"')).toEqual([]);
    for (const value of ['$AFFINITY', '"$AFFINITY"', "'$AFFINITY'", '"${AFFINITY:-CLIENT_IP}"', '`affinity`']) {
      expect(messages(`gcloud compute backend-services update lb --session-affinity ${value}`), value).toEqual([]);
      expect(messages(`gcloud compute backend-services update lb --session-affinity=${value}`), value).toEqual([]);
      expect(messages(`kubectl expose deploy/mcp --port 80 --session-affinity ${value}`), value).toEqual([]);
      expect(messages(`kubectl expose deploy/mcp --port 80 --session-affinity=${value}`), value).toEqual([]);
      expect(messages(`gcloud run deploy mcp --session-affinity=${value}`), value).toEqual([]);
    }
    expect(messages('gcloud compute backend-services update lb "--session-affinity" "$AFFINITY"')).toEqual([]);
    expect(messages("steps:\n  - name: gcr.io/google.com/cloudsdktool/cloud-sdk\n    args: ['compute', 'backend-services', 'update', 'lb', '--session-affinity', '$_AFFINITY']", 'cloudbuild.yaml')).toEqual([]);
    expect(messages("steps:\n  - name: gcr.io/google.com/cloudsdktool/cloud-sdk\n    args: ['compute', 'backend-services', 'update', 'lb', '--session-affinity', 'CLIENT_IP']", 'cloudbuild.yaml').map((m) => m.split(' pins')[0])).toEqual(['gcloud compute backend-services --session-affinity=CLIENT_IP']);
    expect(messages("steps:\n  - name: gcr.io/google.com/cloudsdktool/cloud-sdk\n    entrypoint: gcloud\n    args: ['run', 'deploy', 'mcp', '--session-affinity']", 'cloudbuild.yaml').map((m) => m.split(' pins')[0])).toEqual(['gcloud --session-affinity']);
    expect(messages('steps:\n  - run: gcloud compute backend-services update lb --global --session-affinity "${{ vars.LB_AFFINITY }}"', 'deploy.yml')).toEqual([]);
    // Cloud Run's flag is a boolean: what follows it is the next argument, the service's name from a variable too.
    const cloudRun = 'gcloud --session-affinity pins each client to one Cloud Run instance: deploy with --no-session-affinity once the server keeps no per-instance state (a deploy without the flag keeps it on)';
    expect(messages('gcloud run deploy --session-affinity "$SERVICE" --image "$IMAGE"')).toEqual([cloudRun]);
    expect(messages('gcloud beta run services update mcp --session-affinity')).toEqual([cloudRun]);
    // gcloud's backend services and target pools: any case, NONE pins nothing, and no value is no affinity.
    const backend = 'gcloud compute backend-services --session-affinity=GENERATED_COOKIE pins each client to one backend of the Google Cloud load balancer: set --session-affinity=NONE once the server keeps no per-instance state (an update without the flag keeps it)';
    expect(messages('gcloud compute backend-services update lb --global --session-affinity=GENERATED_COOKIE')).toEqual([backend]);
    expect(messages('gcloud compute backend-services update lb --global --session-affinity generated_cookie')).toEqual([backend]);
    expect(messages('gcloud compute backend-services update lb --global \\\n  --session-affinity \\\n  GENERATED_COOKIE')).toEqual([backend]);
    expect(stickyK8s.fix.advice?.({ message: backend })).toBe('Set --session-affinity=NONE once the server keeps no per-instance state (an update without the flag keeps it).');
    for (const line of ['--session-affinity=NONE', '--session-affinity none', '--session-affinity', '--session-affinity --global', '--session-affinity \\\n  NONE']) {
      expect(messages(`gcloud compute backend-services update lb ${line}`), line).toEqual([]);
    }
    expect(messages('gcloud compute target-pools create pool --session-affinity CLIENT_IP_PROTO').map((m) => m.split(':')[0])).toEqual(['gcloud compute target-pools --session-affinity=CLIENT_IP_PROTO pins each client IP to one instance of the target pool']);
    expect(messages('gcloud compute target-pools create pool --session-affinity NONE')).toEqual([]);
    // kubectl takes ClientIP or None, as written: a Kubernetes Service, never Cloud Run.
    const service = 'kubectl expose --session-affinity=ClientIP pins each client IP to one pod of the Kubernetes Service: leave it out (the default is None) once the server keeps no per-pod state';
    expect(messages('kubectl expose deployment mcp --port 80 --session-affinity ClientIP')).toEqual([service]);
    expect(messages('kubectl expose deployment mcp --port 80 --session-affinity=ClientIP')).toEqual([service]);
    expect(stickyK8s.fix.advice?.({ message: service })).toBe('Leave it out (the default is None) once the server keeps no per-pod state.');
    for (const line of ['--session-affinity None', '--session-affinity=None', '--session-affinity=clientip', '--session-affinity', "--session-affinity=''"]) {
      expect(messages(`kubectl expose deployment mcp --port 80 ${line}`), line).toEqual([]);
    }
    // Another CLI's flag of that name is none of these.
    expect(messages('az containerapp up -n mcp --session-affinity sticky')).toEqual([]);
    expect(messages('gcloud compute instances create vm --session-affinity')).toEqual([]);
  });

  it('reports a command in a YAML scalar whose lines fold into one at its key, and one in a literal block at its own line', () => {
    const text = 'steps:\n  - run: >-\n      gcloud run deploy mcp\n      --session-affinity\n  - run: |\n      echo deploying\n      gcloud run deploy mcp --session-affinity\n  - run: gcloud run deploy mcp\n      --session-affinity\n';
    expect(run(stickyK8s, text, 'deploy.yml').map((r) => text.slice(r.start, r.end))).toEqual(['run: >-', 'gcloud run deploy mcp --session-affinity', 'gcloud run deploy mcp']);
  });

  it('reads Bicep comments and single-quoted strings: a // in a string is not a comment', () => {
    const text = "var docs = 'https://example.com/a' // stickySessions: { affinity: 'sticky' }\nvar x = { url: 'http://a//b', affinity: 'sticky' }\n/* affinity: 'sticky'\n   affinity: 'sticky' */\n";
    expect(run(stickyK8s, text, 'main.bicep').map((r) => text.slice(r.start, r.end))).toEqual(["affinity: 'sticky'"]);
    expect(configLines({ path: 'main.bicep', text }).map((l) => l.code.trimEnd())[0]).toBe("var docs = 'https://example.com/a'");
  });
});

describe('sticky-aws', () => {
  const why = 'under 2026-07-28 there is no session to pin to, and stickiness hides state kept on one instance instead of removing it';

  it('reads Terraform, its JSON syntax and JSON CloudFormation templates, told by their names', () => {
    expect(classifyFile('infra/alb.tf')).toEqual({ type: 'config', kind: 'terraform' });
    expect(classifyFile('infra/main.tf.json')).toEqual({ type: 'config', kind: 'terraform' });
    for (const name of ['template.json', 'deploy/ServerStack.template.json', 'stack-cfn.json', 'cloudformation/alb.json']) expect(classifyFile(name), name).toEqual({ type: 'config', kind: 'cloudformation' });
    for (const name of ['package.json', 'tsconfig.json', 'email-templates.json']) expect(classifyFile(name), name).toBeUndefined();
  });

  it('names the resource, the cookie and why it matters under 2026-07-28 in Terraform', () => {
    const text = 'resource "aws_lb_target_group" "mcp_server" {\r\n  port = 3000\r\n  stickiness {\r\n    enabled = true\r\n    type    = "lb_cookie"\r\n  }\r\n}\r\n';
    const [report, ...more] = run(stickyAws, text, 'alb.tf');
    expect(more).toEqual([]);
    expect(report.message).toBe(`aws_lb_target_group.mcp_server stickiness (lb_cookie) pins each client to one target: ${why}`);
    // Offsets stay right in a CRLF file; the finding covers the block.
    expect(text.slice(report.start, report.end)).toBe('stickiness {');
    expect(text.slice(report.start, report.covers)).toBe('stickiness {\r\n    enabled = true\r\n    type    = "lb_cookie"\r\n  }');
  });

  it('reads Terraform JSON: a stickiness block as an object or a list, on by default, and the classic ELB policies', () => {
    const text = JSON.stringify(
      {
        resource: {
          aws_lb_target_group: {
            mcp: { port: 3000, stickiness: [{ type: 'app_cookie', cookie_name: 'MCPSESSION' }] },
            assets: { port: 8080, stickiness: { enabled: false, type: 'lb_cookie' } },
          },
          aws_app_cookie_stickiness_policy: { legacy: { name: 'p', cookie_name: 'MCPSESSION' } },
        },
      },
      null,
      2,
    );
    expect(run(stickyAws, text, 'main.tf.json').map((r) => [text.slice(r.start, r.end), r.message])).toEqual([
      ['"stickiness": [', `aws_lb_target_group.mcp stickiness (app_cookie), enabled by default, pins each client to one target: ${why}`],
      ['"legacy": {', `aws_app_cookie_stickiness_policy.legacy (classic ELB application cookie stickiness) pins each client to one instance: ${why}`],
    ]);
  });

  it('reads JSON CloudFormation templates, and only templates', () => {
    const template = (value: string) =>
      JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { G: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { TargetGroupAttributes: [{ Key: 'stickiness.enabled', Value: value }] } } } }, null, 2);
    const [report, ...more] = run(stickyAws, template('true'), 'template.json');
    expect(more).toEqual([]);
    expect(template('true').slice(report.start, report.end)).toBe('"Key": "stickiness.enabled",');
    expect(report.message).toBe(`TargetGroupAttributes stickiness.enabled = true pins each client to one target: ${why}`);
    expect(run(stickyAws, template('false'), 'template.json')).toEqual([]);
    // The same list in YAML that is no CloudFormation template (no format version, no load balancer resource).
    expect(run(stickyAws, 'attributes:\n  - Key: stickiness.enabled\n    Value: "true"\n')).toEqual([]);
  });
});

describe('sticky-caddy', () => {
  it('reads Caddyfiles by their names: Caddyfile and its variants, *.caddyfile and *.caddy', () => {
    for (const name of ['Caddyfile', 'deploy/caddyfile', 'Caddyfile.prod', 'CADDYFILE.j2', 'sites/api.caddyfile', 'sites/app.Caddyfile', 'mcp.caddy']) {
      expect(classifyFile(name), name).toEqual({ type: 'config', kind: 'caddy' });
    }
    // A name of code wins; a name that only contains the word is not a Caddyfile.
    expect(classifyFile('Caddyfile.ts')).toEqual({ type: 'code', ext: '.ts' });
    for (const name of ['caddy.md', 'Caddyfile-notes.txt', 'caddy', 'mycaddyfile.txt']) expect(classifyFile(name), name).toBeUndefined();
  });

  it('says what each sticky policy does, from `lb_policy` to its last argument, and names the codemod only where it rewrites the line', () => {
    const text = [
      'mcp.example.com {',
      '\treverse_proxy a:3000 b:3000 {',
      '\t\tlb_policy header Mcp-Session-Id  # pinned',
      '\t\tlb_policy cookie lb s3cr3t',
      '\t\tlb_policy ip_hash',
      '\t\tlb_policy client_ip_hash',
      '\t\tlb_policy query sessionId',
      '\t\tlb_policy header X-Session-Id',
      '\t\tlb_policy header Cookie',
      '\t\tlb_policy "header" "mcp-session-id" {',
      '\t\t\tfallback first',
      '\t\t}',
      '\t}',
      '}',
      '',
    ].join('\n');
    expect(run(stickyCaddy, text, 'Caddyfile').map((r) => [text.slice(r.start, r.end), r.message, r.manual])).toEqual([
      ['lb_policy header Mcp-Session-Id', 'lb_policy header Mcp-Session-Id routes by the Mcp-Session-Id header, which 2026-07-28 removed', undefined],
      ['lb_policy cookie lb s3cr3t', 'lb_policy cookie pins each client to one upstream', undefined],
      ['lb_policy ip_hash', 'lb_policy ip_hash pins each client IP to one upstream', undefined],
      ['lb_policy client_ip_hash', 'lb_policy client_ip_hash pins each client IP to one upstream', undefined],
      ['lb_policy query sessionId', 'lb_policy query sessionId routes by the legacy SSE session id', true],
      ['lb_policy header X-Session-Id', 'lb_policy header X-Session-Id pins each session to one upstream', true],
      ['lb_policy header Cookie', 'lb_policy header Cookie pins each client to one upstream', true],
      // A fallback block: only marked.
      ['lb_policy "header" "mcp-session-id"', 'lb_policy header mcp-session-id routes by the Mcp-Session-Id header, which 2026-07-28 removed', true],
    ]);
  });

  it('reads lb_policy only directly inside reverse_proxy, past placeholders, comments and heredocs, and in one-line blocks', () => {
    const text = [
      '(sticky) {',
      '\tlb_policy cookie',
      '}',
      'site.example.com {',
      '\theader_up X-Real-IP {remote_host}',
      '\t# lb_policy ip_hash',
      '\trespond <<CSS',
      '\t\tbody { margin: 0 }',
      '\t\tlb_policy ip_hash',
      '\t\tCSS 200',
      '\tforward_auth auth:9000 {',
      '\t\turi /check',
      '\t}',
      '\treverse_proxy a b { lb_policy ip_hash }',
      '\treverse_proxy c d {',
      '\t\ttransport http {',
      '\t\t\tlb_policy cookie',
      '\t\t}',
      '\t\tlb_policy client_ip_hash # was: lb_policy cookie',
      '\t}',
      '}',
      '',
    ].join('\n');
    expect(run(stickyCaddy, text, 'Caddyfile').map((r) => [text.slice(r.start, r.end), r.manual])).toEqual([
      ['lb_policy ip_hash', true],
      ['lb_policy client_ip_hash', undefined],
    ]);
  });

  it('names no codemod for client stickiness on the legacy SSE route, which sticky-config only marks; a path that merely ends in messages is no such route', () => {
    const text = [
      'mcp.example.com {',
      '	handle /sse* {',
      '		reverse_proxy a:3000 b:3000 {',
      '			lb_policy ip_hash',
      '		}',
      '	}',
      '	handle /api/usermessages* {',
      '		reverse_proxy a:3000 b:3000 {',
      '			lb_policy cookie',
      '		}',
      '	}',
      '}',
      '',
    ].join('\n');
    expect(run(stickyCaddy, text, 'Caddyfile').map((r) => [text.slice(r.start, r.end), r.manual])).toEqual([
      ['lb_policy ip_hash', true],
      ['lb_policy cookie', undefined],
    ]);
  });
});

describe('single-instance (trial 30A)', () => {
  const spans = (text: string, path = 'x.yaml') => run(singleInstance, text, path).map((r) => text.slice(r.start, r.end));

  it('is information that names no codemod, and quotes the comment that gives the reason', () => {
    expect([singleInstance.severity, singleInstance.category, singleInstance.fix.codemod]).toEqual(['info', 'sticky-lb-config', undefined]);
    const [report] = run(singleInstance, 'spec:\n  replicas: 1 # must stay 1: transports are kept in memory per Mcp-Session-Id\n');
    expect(report.message).toBe('replicas: 1 keeps this service on one instance, and its comment says why ("must stay 1: transports are kept in memory per Mcp-Session-Id"): once the servers keep no per-instance state, scale it out and let the load balancer round-robin');
    expect(report.severity).toBeUndefined();
  });

  it('reports the setting itself, in YAML, TOML, HCL, Bicep flow mappings and CRLF files', () => {
    expect(spans('spec:\r\n  # sessions are in memory\r\n  replicas: "1"\r\n')).toEqual(['replicas: "1"']);
    expect(spans('[http_service]\n  max_machines_running = 1 # sessions are in memory\n', 'fly.toml')).toEqual(['max_machines_running = 1']);
    expect(spans('spec {\n  replicas = 1 // sessions are in memory\n}\n', 'main.tf')).toEqual(['replicas = 1']);
    expect(spans("template: {\n  scale: { minReplicas: 1, maxReplicas: 1 } // sticky: sessions are in memory\n}\n", 'app.bicep')).toEqual(['maxReplicas: 1']);
  });

  it('reads a reason only on the line, in the comments directly above it, or above the block it opens', () => {
    const why = '# sessions are in memory';
    expect(spans(`${why}\nspec:\n  replicas: 1\n`)).toEqual(['replicas: 1']);
    // Two blocks up, after a blank line, or above a sibling: not this setting's comment.
    expect(spans(`${why}\nservices:\n  mcp:\n    replicas: 1\n`)).toEqual([]);
    expect(spans(`spec:\n  ${why}\n\n  replicas: 1\n`)).toEqual([]);
    expect(spans(`spec:\n  ${why}\n  paused: false\n  replicas: 1\n`)).toEqual([]);
    // A key at the same indentation as a `key:` above it is not inside that block.
    expect(spans(`${why}\nlabels:\nreplicas: 1\n`)).toEqual([]);
  });

  it('takes sessions as a reason, in-memory state unless a cache, lock or database is what holds it, and the cap alone as none', () => {
    const reported = (comment: string) => spans(`spec:\n  replicas: 1 # ${comment}\n`).length === 1;
    expect(['sticky routing needed', 'stateful server', 'transports live in memory', 'MCP state is in-process'].map(reported)).toEqual([true, true, true, true]);
    expect(['single instance', 'must stay 1', 'do not scale', '1 replica in dev', 'the cache is in memory', 'state on a volume', 'desired state is in git', 'stateless now', 'no sessions here', 'sessionless'].map(reported)).toEqual([false, false, false, false, false, false, false, false, false, false]);
    // Other caps and minimums.
    expect(spans('spec:\n  replicas: 2 # sessions are in memory\n  minReplicas: 1 # sessions are in memory\n  replicas: 10 # sessions\n')).toEqual([]);
  });

  it("leaves out fixture expectations and this tool's own markers, which are no reason", () => {
    const marker = '# TODO(mcp-migrate): no codemod rewrites this sticky-k8s finding: Service\n# session affinity pins each client (https://modelcontextprotocol.io/specification/2026-07-28/basic/transports)';
    expect(spans(`spec:\n  ${marker.replace(/\n/g, '\n  ')}\n  replicas: 1\n`)).toEqual([]);
    expect(spans('spec:\n  # ok: session-state, sticky-k8s\n  replicas: 1\n')).toEqual([]);
    expect(spans('spec:\n  # mcp-migrate: removed sessionAffinity: 2026-07-28 clients send no Mcp-Session-Id\n  replicas: 1\n')).toEqual([]);
  });

  it('reports a deployment command at its first line when the flag is on a continued line, and a flag on its own line as itself', () => {
    const script = '# sessions live in memory\ngcloud run deploy mcp \\\n  --image x \\\n  --max-instances 1\nkubectl scale deploy/mcp --replicas=1 # sessions are in memory\naz containerapp update -n mcp --max-replicas 1\n';
    const reports = run(singleInstance, script, 'deploy.sh');
    expect(reports.map((r) => script.slice(r.start, r.end))).toEqual(['gcloud run deploy mcp \\', '--replicas=1']);
    expect(script.slice(reports[0].start, reports[0].covers)).toMatch(/--max-instances 1$/);
    // A command in a folded YAML scalar is reported at its key, with the comments above it.
    expect(spans('steps:\n  # sessions are in memory\n  - run: >-\n      gcloud run deploy mcp\n      --max-instances=1\n', 'deploy.yml')).toEqual(['run: >-']);
  });
});

describe('sse-client-config', () => {
  it("reads the client configs by their names: VS Code's, Cursor's, Claude's, Windsurf's, Cline's and Gemini CLI's", () => {
    for (const name of ['.vscode/mcp.json', '.cursor/mcp.json', '.mcp.json', 'mcp.json', 'mcp_config.json', 'claude_desktop_config.json', 'cline_mcp_settings.json', '.gemini/settings.json']) {
      expect(classifyFile(name), name).toEqual({ type: 'config', kind: 'mcp-client' });
    }
    for (const name of ['settings.json', '.vscode/settings.json', 'package.json', 'my-mcp.json.bak']) expect(classifyFile(name), name).toBeUndefined();
  });

  it("tells this machine's server (a warning) from one elsewhere (information), and puts the finding on what shows SSE", () => {
    const text = JSON.stringify({ servers: { own: { type: 'sse', url: 'http://localhost:3000/sse' }, vendor: { url: 'https://mcp.vendor.example/sse' }, env: { type: 'sse', url: '${MCP_URL}' } } }, null, 2);
    const found = run(sseClientConfig, text, '.vscode/mcp.json');
    expect(found.map((r) => [text.slice(r.start, r.end), r.severity])).toEqual([
      ['"sse"', 'warning'],
      ['"https://mcp.vendor.example/sse"', 'info'],
      ['"sse"', 'warning'],
    ]);
    expect(found[0].message).toBe(
      `Client config entry "own" connects to http://localhost:3000/sse over the deprecated HTTP+SSE transport ("sse" transport): an address on this machine, most likely this project's server, whose SSE endpoint goes when it moves to 2026-07-28`,
    );
    expect(found[1].message).toBe('Client config entry "vendor" connects to https://mcp.vendor.example/sse over the deprecated HTTP+SSE transport (an /sse endpoint)');
    expect(found[2].message).toMatch(/connects to \$\{MCP_URL\} over .*: an address set at run time, perhaps this project's server/);
  });

  it('leaves Streamable HTTP entries, stdio servers and files that are not JSON objects alone', () => {
    const text = JSON.stringify({ mcpServers: { a: { type: 'http', url: 'http://localhost/sse' }, b: { httpUrl: 'http://localhost/sse' }, c: { command: 'node', args: ['server.js', 'http://localhost/events'] } } });
    expect(run(sseClientConfig, text, '.mcp.json')).toEqual([]);
    expect(run(sseClientConfig, '[1, 2', '.mcp.json')).toEqual([]);
    expect(run(sseClientConfig, '', 'mcp.json')).toEqual([]);
  });
});

describe('a command in a list item that is a block scalar (`- |`)', () => {
  it("is reported at its own line, not at the CI step's `script:` key: the literal block's lines stay lines", () => {
    const text = 'deploy:\n  script:\n    - |\n      echo deploying\n      gcloud run deploy mcp --session-affinity\n';
    const [report, ...more] = run(stickyK8s, text, '.gitlab-ci.yml');
    expect(more).toEqual([]);
    expect(text.slice(report.start, report.end)).toBe('gcloud run deploy mcp --session-affinity');
  });

  it('a folded item (`- >`) is one command, reported where it starts', () => {
    const text = 'deploy:\n  script:\n    - >\n      gcloud run deploy mcp\n      --session-affinity\n';
    const reports = run(stickyK8s, text, '.gitlab-ci.yml');
    expect(reports.length).toBe(1);
    expect(text.slice(reports[0].start, reports[0].end)).toBe('gcloud run deploy mcp');
  });
});
