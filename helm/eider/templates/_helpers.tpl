{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "eider.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: "<release>-eider", or the release name alone when it already contains
the chart name (helm install eider ./helm/eider gives "eider").
*/}}
{{- define "eider.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "eider.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels. Not app.kubernetes.io/managed-by=eider-operator: that value marks what the operator
itself creates, and its informers select on it. Helm's own value ("Helm") is fine.
*/}}
{{- define "eider.labels" -}}
helm.sh/chart: {{ include "eider.chart" . }}
{{ include "eider.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: eider
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "eider.selectorLabels" -}}
app.kubernetes.io/name: {{ include "eider.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "eider.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "eider.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "eider.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "eider.leaseName" -}}
{{- default (include "eider.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{- define "eider.configMapName" -}}
{{- printf "%s-config" (include "eider.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A value as a .properties value: backslashes doubled, line breaks escaped, lists joined with commas
(how the operator's configuration reads lists). SmallRye Config expands ${...} in values; "$" is
written as "\\$" so a value reaches the operator as written.
*/}}
{{- define "eider.propertyValue" -}}
{{- $v := . }}
{{- if kindIs "slice" $v }}{{- $v = join "," $v }}{{- end }}
{{- if and (kindIs "float64" $v) (eq $v (floor $v)) }}{{- $v = int64 $v }}{{- end }}
{{- toString $v | replace "\\" "\\\\" | replace "\n" "\\n" | replace "\r" "\\r" | replace "$" "\\\\$" }}
{{- end }}

{{/*
A map key inside a property name: quoted when it holds a dot (SmallRye's syntax for
eider.worker.env."A.B"), as it is otherwise.
*/}}
{{- define "eider.propertyKey" -}}
{{- if or (contains "." .) (contains "/" .) (contains " " .) }}{{ printf "%q" . }}{{ else }}{{ . }}{{ end }}
{{- end }}

{{/*
A free-form tree of values as properties under a prefix: nested maps become dotted paths,
camelCase names become the operator's kebab-case, names holding "." or "/" are quoted verbatim
(map keys such as count/jobs.batch). Empty values are left out: the operator's default applies.
Call with (dict "prefix" "eider.branch" "values" .Values.branch).
*/}}
{{- define "eider.flatten" -}}
{{- $prefix := .prefix }}
{{- range $key, $value := .values }}
{{- $name := $key }}
{{- if regexMatch "^[a-zA-Z][a-zA-Z0-9-]*$" $key }}{{- $name = kebabcase $key }}{{- else }}{{- $name = printf "%q" $key }}{{- end }}
{{- if kindIs "map" $value }}
{{- include "eider.flatten" (dict "prefix" (printf "%s.%s" $prefix $name) "values" $value) }}
{{- else if not (or (kindIs "invalid" $value) (and (kindIs "string" $value) (eq $value ""))) }}
{{ printf "%s.%s" $prefix $name }}={{ include "eider.propertyValue" $value }}
{{- end }}
{{- end }}
{{- end }}

{{/* "true" unless branch.enabled is false: the BranchDeployment controller and its RBAC. */}}
{{- define "eider.branchEnabled" -}}
{{- $branch := .Values.branch | default dict }}
{{- if or (not (hasKey $branch "enabled")) $branch.enabled }}true{{ end }}
{{- end }}

{{/* Where clone and drop Jobs run: branch.jobNamespace, or the release namespace. */}}
{{- define "eider.branchJobNamespace" -}}
{{- (.Values.branch | default dict).jobNamespace | default .Release.Namespace }}
{{- end }}
