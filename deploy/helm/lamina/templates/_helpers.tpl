{{/*
What the chart knows about each service and the user cannot change: its HTTP port, its PostgreSQL schema (empty: no
database), whether it reads and writes blobs, and, for operation services, the command topic and consumer group
KEDA watches. These mirror the services' application.properties.
*/}}
{{- define "lamina.serviceTable" -}}
gateway:    {port: 8080, schema: gateway, blobs: true,  topic: "",                          group: ""}
billing:    {port: 8085, schema: billing, blobs: false, topic: "",                          group: ""}
webhook:    {port: 8086, schema: webhook, blobs: false, topic: "",                          group: ""}
extraction: {port: 8081, schema: "",      blobs: true,  topic: lamina.ops.extraction.commands, group: extraction-service}
image:      {port: 8082, schema: "",      blobs: true,  topic: lamina.ops.image.commands,      group: image-service}
docgen:     {port: 8083, schema: "",      blobs: true,  topic: lamina.ops.docgen.commands,     group: docgen-service}
sheet:      {port: 8084, schema: "",      blobs: true,  topic: lamina.ops.sheet.commands,      group: sheet-service}
{{- end -}}

{{- define "lamina.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-lamina, or the release name when it already contains "lamina". */}}
{{- define "lamina.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "lamina.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "lamina.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: lamina
{{- end -}}

{{/* Labels of one service's objects; the argument is a dict with root and name. */}}
{{- define "lamina.serviceLabels" -}}
{{ include "lamina.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "lamina.selectorLabels" -}}
app.kubernetes.io/name: {{ include "lamina.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "lamina.serviceFullname" -}}
{{- printf "%s-%s" (include "lamina.fullname" .root) .name -}}
{{- end -}}

{{- define "lamina.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create -}}
{{- include "lamina.serviceFullname" . -}}
{{- else -}}
{{- default "default" .root.Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* <registry>/<repository>:<tag>; the argument is a dict with root and image (a {repository, tag} block). */}}
{{- define "lamina.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "lamina.adminSecretName" -}}
{{- .Values.adminKey.existingSecret | default (printf "%s-admin" (include "lamina.fullname" .)) -}}
{{- end -}}

{{- define "lamina.internalSecretName" -}}
{{- .Values.internalToken.existingSecret | default (printf "%s-internal" (include "lamina.fullname" .)) -}}
{{- end -}}

{{- define "lamina.postgresqlSecretName" -}}
{{- .Values.postgresql.auth.existingSecret | default (printf "%s-postgresql" (include "lamina.fullname" .)) -}}
{{- end -}}

{{- define "lamina.s3SecretName" -}}
{{- .Values.blobStore.s3.auth.existingSecret | default (printf "%s-s3" (include "lamina.fullname" .)) -}}
{{- end -}}

{{/* True (non-empty) when the pods get S3 keys from a Secret. */}}
{{- define "lamina.s3HasKeys" -}}
{{- if or .Values.blobStore.s3.auth.existingSecret .Values.blobStore.s3.auth.accessKeyId -}}true{{- end -}}
{{- end -}}

{{- define "lamina.blobClaimName" -}}
{{- .Values.blobStore.filesystem.existingClaim | default (printf "%s-blobs" (include "lamina.fullname" .)) -}}
{{- end -}}

{{/* The gateway's in-cluster URL (used by the smoke test and NOTES.txt). */}}
{{- define "lamina.gatewayUrl" -}}
{{- printf "http://%s-gateway.%s.svc:8080" (include "lamina.fullname" .) .Release.Namespace -}}
{{- end -}}

{{/* Environment of one service's container; the argument is a dict with root, name, svc (values) and meta (table). */}}
{{- define "lamina.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
- name: QUARKUS_HTTP_PORT
  value: {{ .meta.port | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "%s -Djava.io.tmpdir=/tmp" (.svc.javaOpts | default "") | trim | quote }}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers | quote }}
{{- range $key, $value := $v.kafka.config }}
- name: {{ printf "KAFKA_%s" ($key | upper | replace "." "_" | replace "-" "_") }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- if $v.kafka.saslJaasConfigSecret }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $v.kafka.saslJaasConfigSecret }}
      key: {{ $v.kafka.saslJaasConfigKey }}
{{- end }}
{{- if $v.otlpTracesEndpoint }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
  value: {{ $v.otlpTracesEndpoint | quote }}
{{- end }}
{{- if .meta.schema }}
{{- if $v.postgresql.jdbcUrl }}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ printf "%s%scurrentSchema=%s" $v.postgresql.jdbcUrl (ternary "&" "?" (contains "?" $v.postgresql.jdbcUrl)) .meta.schema | quote }}
{{- else }}
- name: LAMINA_DB_HOST
  value: {{ required "postgresql.host (or postgresql.jdbcUrl) is required" $v.postgresql.host | quote }}
- name: LAMINA_DB_PORT
  value: {{ $v.postgresql.port | quote }}
- name: LAMINA_DB_NAME
  value: {{ $v.postgresql.database | quote }}
{{- end }}
- name: LAMINA_DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.postgresqlSecretName" $root }}
      key: {{ $v.postgresql.auth.usernameKey }}
- name: LAMINA_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.postgresqlSecretName" $root }}
      key: {{ $v.postgresql.auth.passwordKey }}
{{- end }}
{{- if .meta.blobs }}
- name: LAMINA_BLOBS_BACKEND
  value: {{ $v.blobStore.backend | quote }}
{{- if eq $v.blobStore.backend "s3" }}
- name: LAMINA_BLOBS_S3_BUCKET
  value: {{ required "blobStore.s3.bucket is required when blobStore.backend is s3" $v.blobStore.s3.bucket | quote }}
- name: LAMINA_BLOBS_S3_REGION
  value: {{ $v.blobStore.s3.region | quote }}
- name: LAMINA_BLOBS_S3_PATH_STYLE
  value: {{ $v.blobStore.s3.pathStyle | quote }}
{{- if $v.blobStore.s3.endpoint }}
- name: LAMINA_BLOBS_S3_ENDPOINT
  value: {{ $v.blobStore.s3.endpoint | quote }}
{{- end }}
{{- if $v.blobStore.s3.prefix }}
- name: LAMINA_BLOBS_S3_PREFIX
  value: {{ $v.blobStore.s3.prefix | quote }}
{{- end }}
{{- if include "lamina.s3HasKeys" $root }}
- name: LAMINA_BLOBS_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.s3SecretName" $root }}
      key: {{ $v.blobStore.s3.auth.accessKeyIdKey }}
- name: LAMINA_BLOBS_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.s3SecretName" $root }}
      key: {{ $v.blobStore.s3.auth.secretAccessKeyKey }}
{{- end }}
{{- else }}
- name: LAMINA_BLOBS_DIR
  value: {{ $v.blobStore.filesystem.mountPath | quote }}
{{- end }}
{{- end }}
{{- if has .name (list "gateway" "billing" "webhook") }}
- name: LAMINA_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.internalSecretName" $root }}
      key: {{ $v.internalToken.secretKey }}
{{- end }}
{{- if eq .name "gateway" }}
- name: LAMINA_ADMIN_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "lamina.adminSecretName" $root }}
      key: {{ $v.adminKey.secretKey }}
- name: LAMINA_BILLING_URL
  value: {{ printf "http://%s-billing:8085" (include "lamina.fullname" $root) | quote }}
- name: LAMINA_WEBHOOK_URL
  value: {{ printf "http://%s-webhook:8086" (include "lamina.fullname" $root) | quote }}
{{- end }}
{{- range $key, $value := .svc.env }}
- name: {{ $key }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end -}}
