{{/*
One workload of the console: Deployment, Service, PodDisruptionBudget and
HorizontalPodAutoscaler. Call with a dict: root, component, container, c (its
values), process (which app-config.<process>.yaml of the ConfigMap), files
(the image's config files), baseUrl, serviceName, metricsPorts, serviceType,
servicePort, backlog (HPA External metric, optional).
*/}}
{{- define "aiops.workload" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "aiops.componentName" $ctx }}
  labels:
    {{- include "aiops.labels" $ctx | nindent 4 }}
spec:
  {{- if not $c.autoscaling.enabled }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
  selector:
    matchLabels:
      {{- include "aiops.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "aiops.selectorLabels" $ctx | nindent 8 }}
        {{- with $c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- include "aiops.podChecksum" $root | nindent 8 }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "aiops.serviceAccountName" $root }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
      containers:
        - name: {{ .container }}
          image: {{ include "aiops.image" (dict "root" $root "image" $c.image) }}
          imagePullPolicy: {{ $c.image.pullPolicy }}
          args:
            {{- include "aiops.configArgs" (dict "root" $root "process" .process "files" .files) | trim | nindent 12 }}
          env:
            {{- include "aiops.env" (dict "root" $root "baseUrl" .baseUrl "port" $c.port "serviceName" .serviceName) | nindent 12 }}
            {{- with $c.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            {{- range .metricsPorts }}
            - name: {{ .name }}
              containerPort: {{ .port }}
              protocol: TCP
            {{- end }}
          {{- include "aiops.probes" $c | nindent 10 }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            {{- include "aiops.volumeMounts" $root | nindent 12 }}
            {{- with $c.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        {{- include "aiops.volumes" $root | nindent 8 }}
        {{- with $c.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $c.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml $c.topologySpreadConstraints | nindent 8 }}
      {{- else }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "aiops.selectorLabels" $ctx | nindent 14 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "aiops.componentName" $ctx }}
  labels:
    {{- include "aiops.labels" $ctx | nindent 4 }}
spec:
  type: {{ .serviceType }}
  selector:
    {{- include "aiops.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ .servicePort }}
      targetPort: http
      protocol: TCP
    {{- range .metricsPorts }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .name }}
      protocol: TCP
    {{- end }}
{{- if $c.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "aiops.componentName" $ctx }}
  labels:
    {{- include "aiops.labels" $ctx | nindent 4 }}
spec:
  minAvailable: {{ $c.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "aiops.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- if $c.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "aiops.componentName" $ctx }}
  labels:
    {{- include "aiops.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "aiops.componentName" $ctx }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
    {{- with .backlog }}
    {{- if .enabled }}
    # The task-queue backlog, served as an External metric by an adapter
    # (see examples/prometheus-adapter-rules.yaml).
    - type: External
      external:
        metric:
          name: {{ .metricName }}
          selector:
            matchLabels:
              task_queue: {{ $root.Values.temporal.taskQueue | quote }}
              namespace: {{ $root.Values.temporal.namespace | quote }}
        target:
          type: AverageValue
          averageValue: {{ .targetAverageValue | quote }}
    {{- end }}
    {{- end }}
  {{- with $c.autoscaling.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}
