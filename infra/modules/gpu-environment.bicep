// Container Apps environment for the GPU plan: the Consumption profile plus one serverless GPU
// profile. Logs go to Azure Monitor through a diagnostic setting, so no workspace key is read.

@description('Container Apps environment name.')
param name string

@description('Azure region; serverless GPUs exist only in some regions (see docs/deploy.md).')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Serverless GPU workload profile type.')
@allowed([
  'Consumption-GPU-NC8as-T4'
  'Consumption-GPU-NC24-A100'
])
param gpuProfileType string

@description('Name the GPU workload profile is known by inside the environment.')
param gpuProfileName string

@description('Log Analytics workspace that receives console and system logs.')
param workspaceId string

resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: gpuProfileName
        workloadProfileType: gpuProfileType
      }
    ]
  }
}

resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'ContainerAppConsoleLogs'
        enabled: true
      }
      {
        category: 'ContainerAppSystemLogs'
        enabled: true
      }
    ]
  }
}

output id string = environment.id
output name string = environment.name
output gpuProfileName string = gpuProfileName
