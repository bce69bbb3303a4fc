{{/* Names */}}
{{- define "aiops.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aiops.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* "<fullname>-<component>", e.g. release-ai-ops-console-worker */}}
{{- define "aiops.componentName" -}}
{{- printf "%s-%s" (include "aiops.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aiops.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "aiops.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Labels; call with (dict "root" $ "component" "backend") */}}
{{- define "aiops.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aiops.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "aiops.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{ include "aiops.selectorLabels" . }}
app.kubernetes.io/part-of: ai-ops-console
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels without a component, for objects of the whole release. */}}
{{- define "aiops.releaseLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "aiops.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: ai-ops-console
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "aiops.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* Capabilities that may be split out, and the plugin ids each serves. */}}
{{- define "aiops.splittable" -}}
ai-components: [ai-components]
workflows: [workflows]
executions: [executions]
recommendations: [recommendations]
{{- end -}}

{{/* The plugin ids the main backend serves (Backstage core + capabilities). */}}
{{- define "aiops.corePluginIds" -}}
[app, auth, catalog, permission, proxy, search, signals, notifications, user-settings]
{{- end -}}

{{- define "aiops.splitNames" -}}
{{- $names := list -}}
{{- range .Values.split.capabilities -}}
{{- if not (has .name (list "ai-components" "workflows" "executions" "recommendations")) -}}
{{- fail (printf "split.capabilities: %q is not a capability (ai-components, workflows, executions, recommendations)" .name) -}}
{{- end -}}
{{- if has .name $names -}}
{{- fail (printf "split.capabilities: %q is listed twice" .name) -}}
{{- end -}}
{{- $names = append $names .name -}}
{{- end -}}
{{- toJson $names -}}
{{- end -}}

{{/* The feature groups the main backend runs: core and what is not split. */}}
{{- define "aiops.backendFeatures" -}}
{{- $split := include "aiops.splitNames" . | fromJsonArray -}}
{{- $features := list "core" -}}
{{- range $c := list "ai-components" "workflows" "executions" "recommendations" -}}
{{- if not (has $c $split) -}}
{{- $features = append $features $c -}}
{{- end -}}
{{- end -}}
{{- toJson $features -}}
{{- end -}}

{{/*
discovery.endpoints: every plugin id routed to the Service that serves it,
inside the cluster; outside, everything is under the console's base URL
(the ingress routes /api/<capability> to split Deployments).
*/}}
{{- define "aiops.discovery" -}}
{{- $root := . -}}
{{- $splitNames := include "aiops.splitNames" . | fromJsonArray -}}
{{- $backendUrl := printf "http://%s:%v" (include "aiops.componentName" (dict "root" . "component" "backend")) .Values.service.port -}}
{{- $mainPlugins := include "aiops.corePluginIds" . | fromYamlArray -}}
{{- range $capability := list "ai-components" "workflows" "executions" "recommendations" -}}
{{- if not (has $capability $splitNames) -}}
{{- $mainPlugins = append $mainPlugins $capability -}}
{{- end -}}
{{- end }}
discovery:
  endpoints:
    - target:
        internal: {{ $backendUrl }}/api/{{ "{{pluginId}}" }}
        external: {{ trimSuffix "/" $root.Values.console.baseUrl }}/api/{{ "{{pluginId}}" }}
      plugins: {{ toJson $mainPlugins }}
{{- range $root.Values.split.capabilities }}
    - target:
        internal: http://{{ include "aiops.componentName" (dict "root" $root "component" .name) }}:{{ $root.Values.service.port }}/api/{{ "{{pluginId}}" }}
        external: {{ trimSuffix "/" $root.Values.console.baseUrl }}/api/{{ "{{pluginId}}" }}
      plugins: [{{ .name }}]
{{- end }}
{{- end -}}

{{/* The configuration shared by every process. */}}
{{- define "aiops.appConfig" -}}
app:
  baseUrl: {{ .Values.console.baseUrl }}
backend:
  # One hop: the ingress controller (client addresses for rate limits).
  trustProxy: 1
  database:
    connection:
{{- if eq .Values.postgresql.sslMode "disable" }}
      ssl: false
{{- else if eq .Values.postgresql.sslMode "require" }}
      ssl:
        rejectUnauthorized: false
{{- else if eq .Values.postgresql.sslMode "verify-full" }}
      ssl:
        rejectUnauthorized: true
{{- else }}
{{- fail (printf "postgresql.sslMode must be disable, require or verify-full, not %q" .Values.postgresql.sslMode) }}
{{- end }}
{{ include "aiops.discovery" . | trim }}
aiComponents:
  secrets:
    keys:
{{- range $i, $key := .Values.secrets.aiComponentsKeys }}
      - id: {{ $key.id | quote }}
        secret: ${AI_COMPONENTS_SECRET_KEY_{{ $i }}}
{{- end }}
temporal:
  address: {{ required "temporal.address is required" .Values.temporal.address | quote }}
  namespace: {{ .Values.temporal.namespace | quote }}
  taskQueue: {{ .Values.temporal.taskQueue | quote }}
{{- if .Values.temporal.tls.enabled }}
  tls:
    clientCertificate: ${TEMPORAL_CLIENT_CERT}
    clientKey: ${TEMPORAL_CLIENT_KEY}
{{- if .Values.temporal.tls.caKey }}
    serverRootCACertificate: ${TEMPORAL_CA_CERT}
{{- end }}
{{- with .Values.temporal.tls.serverName }}
    serverName: {{ . | quote }}
{{- end }}
{{- end }}
{{- if .Values.temporal.apiKey.existingSecret }}
  apiKey: ${TEMPORAL_API_KEY}
{{- end }}
executions:
{{- if .Values.rabbitmq.existingSecret }}
  events:
    rabbitmq:
      url: ${RABBITMQ_URL}
      exchange: {{ .Values.rabbitmq.exchange | quote }}
{{- end }}
  worker:
    maxConcurrentActivities: {{ .Values.worker.maxConcurrentActivities }}
recommendations:
  embeddings:
    provider: {{ .Values.recommendations.embeddings.provider }}
{{- if eq .Values.recommendations.embeddings.provider "openai" }}
    openai:
      baseUrl: {{ required "recommendations.embeddings.openai.baseUrl is required" .Values.recommendations.embeddings.openai.baseUrl | quote }}
      model: {{ required "recommendations.embeddings.openai.model is required" .Values.recommendations.embeddings.openai.model | quote }}
{{- if .Values.recommendations.embeddings.openai.existingSecret }}
      apiKey: ${EMBEDDINGS_API_KEY}
{{- end }}
{{- end }}
{{- if .Values.weaviate.httpUrl }}
  weaviate:
    httpUrl: {{ .Values.weaviate.httpUrl | quote }}
    grpcUrl: {{ required "weaviate.grpcUrl is required with weaviate.httpUrl" .Values.weaviate.grpcUrl | quote }}
{{- if .Values.weaviate.existingSecret }}
    apiKey: ${WEAVIATE_API_KEY}
{{- end }}
{{- end }}
telemetry:
  tracing:
    enabled: true
{{- with .Values.telemetry.otlpEndpoint }}
    otlp:
      endpoint: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* An env var from a key of an existing Secret. */}}
{{- define "aiops.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "a Secret name is required for %s" .name) .secret }}
      key: {{ required (printf "a Secret key is required for %s" .name) .key }}
{{- end -}}

{{/* The environment of every process; call with (dict "root" $ "baseUrl" "...") */}}
{{- define "aiops.env" -}}
{{- $v := .root.Values -}}
- name: APP_BASE_URL
  value: {{ $v.console.baseUrl | quote }}
- name: BACKEND_BASE_URL
  value: {{ .baseUrl | quote }}
- name: BACKEND_PORT
  value: {{ .port | quote }}
- name: POSTGRES_HOST
  value: {{ required "postgresql.host is required" $v.postgresql.host | quote }}
- name: POSTGRES_PORT
  value: {{ $v.postgresql.port | quote }}
- name: POSTGRES_USER
  value: {{ $v.postgresql.user | quote }}
- name: POSTGRES_DATABASE_PREFIX
  value: {{ $v.postgresql.databasePrefix | quote }}
{{ include "aiops.secretEnv" (dict "name" "POSTGRES_PASSWORD" "secret" $v.postgresql.existingSecret "key" $v.postgresql.passwordKey) }}
{{ include "aiops.secretEnv" (dict "name" "REDIS_URL" "secret" $v.redis.existingSecret "key" $v.redis.urlKey) }}
- name: RATE_LIMIT_PER_MINUTE
  value: {{ $v.rateLimitPerMinute | quote }}
- name: OIDC_METADATA_URL
  value: {{ $v.auth.oidc.metadataUrl | quote }}
- name: OIDC_CLIENT_ID
  value: {{ $v.auth.oidc.clientId | quote }}
{{ include "aiops.secretEnv" (dict "name" "AUTH_SESSION_SECRET" "secret" $v.secrets.existingSecret "key" $v.secrets.keys.authSessionSecret) }}
{{ include "aiops.secretEnv" (dict "name" "OIDC_CLIENT_SECRET" "secret" $v.secrets.existingSecret "key" $v.secrets.keys.oidcClientSecret) }}
{{ include "aiops.secretEnv" (dict "name" "EXTERNAL_API_TOKEN" "secret" $v.secrets.existingSecret "key" $v.secrets.keys.externalApiToken) }}
{{- range $i, $key := $v.secrets.aiComponentsKeys }}
{{ include "aiops.secretEnv" (dict "name" (printf "AI_COMPONENTS_SECRET_KEY_%d" $i) "secret" (default $v.secrets.existingSecret $key.existingSecret) "key" $key.secretKey) }}
{{- end }}
- name: CATALOG_ROOT_LOCATION
  value: {{ $v.catalog.rootLocation | quote }}
- name: RBAC_POLICY_FILE
  value: {{ $v.rbac.policyFile | quote }}
- name: RBAC_CONDITIONAL_POLICIES_FILE
  value: {{ $v.rbac.conditionalPoliciesFile | quote }}
{{- if $v.rabbitmq.existingSecret }}
{{ include "aiops.secretEnv" (dict "name" "RABBITMQ_URL" "secret" $v.rabbitmq.existingSecret "key" $v.rabbitmq.urlKey) }}
{{- end }}
{{- if $v.temporal.tls.enabled }}
{{ include "aiops.secretEnv" (dict "name" "TEMPORAL_CLIENT_CERT" "secret" $v.temporal.tls.existingSecret "key" $v.temporal.tls.certKey) }}
{{ include "aiops.secretEnv" (dict "name" "TEMPORAL_CLIENT_KEY" "secret" $v.temporal.tls.existingSecret "key" $v.temporal.tls.keyKey) }}
{{- if $v.temporal.tls.caKey }}
{{ include "aiops.secretEnv" (dict "name" "TEMPORAL_CA_CERT" "secret" $v.temporal.tls.existingSecret "key" $v.temporal.tls.caKey) }}
{{- end }}
{{- end }}
{{- if $v.temporal.apiKey.existingSecret }}
{{ include "aiops.secretEnv" (dict "name" "TEMPORAL_API_KEY" "secret" $v.temporal.apiKey.existingSecret "key" $v.temporal.apiKey.key) }}
{{- end }}
{{- if and $v.weaviate.httpUrl $v.weaviate.existingSecret }}
{{ include "aiops.secretEnv" (dict "name" "WEAVIATE_API_KEY" "secret" $v.weaviate.existingSecret "key" $v.weaviate.apiKeyKey) }}
{{- end }}
{{- if and (eq $v.recommendations.embeddings.provider "openai") $v.recommendations.embeddings.openai.existingSecret }}
{{ include "aiops.secretEnv" (dict "name" "EMBEDDINGS_API_KEY" "secret" $v.recommendations.embeddings.openai.existingSecret "key" $v.recommendations.embeddings.openai.apiKeyKey) }}
{{- end }}
{{- if $v.extraCaCerts.secretName }}
- name: NODE_EXTRA_CA_CERTS
  value: /etc/ai-ops/ca/{{ $v.extraCaCerts.key }}
{{- end }}
- name: OTEL_SERVICE_NAME
  value: {{ .serviceName | quote }}
{{- end -}}

{{/* Volumes shared by every pod. */}}
{{- define "aiops.volumes" -}}
- name: app-config
  configMap:
    name: {{ include "aiops.fullname" . }}-app-config
- name: tmp
  emptyDir: {}
{{- if .Values.extraCaCerts.secretName }}
- name: extra-ca
  secret:
    secretName: {{ .Values.extraCaCerts.secretName }}
{{- end }}
{{- end -}}

{{- define "aiops.volumeMounts" -}}
- name: app-config
  mountPath: /etc/ai-ops/config
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .Values.extraCaCerts.secretName }}
- name: extra-ca
  mountPath: /etc/ai-ops/ca
  readOnly: true
{{- end }}
{{- end -}}

{{/* The --config arguments: image files, then the chart's, then the extra. */}}
{{- define "aiops.configArgs" -}}
{{- range .files }}
- --config
- {{ . }}
{{- end }}
- --config
- /etc/ai-ops/config/app-config.chart.yaml
- --config
- /etc/ai-ops/config/app-config.{{ .process }}.yaml
{{- if .root.Values.appConfig }}
- --config
- /etc/ai-ops/config/app-config.extra.yaml
{{- end }}
{{- end -}}

{{- define "aiops.probes" -}}
startupProbe:
  {{- toYaml .startupProbe | nindent 2 }}
livenessProbe:
  {{- toYaml .livenessProbe | nindent 2 }}
readinessProbe:
  {{- toYaml .readinessProbe | nindent 2 }}
{{- end -}}

{{- define "aiops.podChecksum" -}}
checksum/app-config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- end -}}
