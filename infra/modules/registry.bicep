// Container registry for the GPU image. The admin user stays off: the container app pulls with
// the shared identity (AcrPull, granted here) and the workflow pushes with its own Entra login.

@description('Registry name (5-50 letters and digits, globally unique).')
@minLength(5)
@maxLength(50)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Registry tier. Premium allows artifact streaming, which shortens GPU cold starts.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param sku string = 'Basic'

@description('Name of the user-assigned identity that pulls images.')
param pullIdentityName string

@description('Days an untagged manifest is kept before the retention policy deletes it (Premium only).')
@minValue(0)
@maxValue(365)
param untaggedRetentionDays int = 7

var acrPullRoleId = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    publicNetworkAccess: 'Enabled'
    // The retention policy for untagged manifests exists on Premium only (Learn:
    // container-registry/container-registry-retention-policy). It does not touch tagged images: the
    // deploy workflow's acr purge step removes old commit tags on every tier.
    policies: sku == 'Premium'
      ? {
          retentionPolicy: {
            status: 'enabled'
            days: untaggedRetentionDays
          }
        }
      : {}
  }
}

resource pullIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: pullIdentityName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, pullIdentity.id, acrPullRoleId)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRoleId)
    principalId: pullIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = registry.name
output loginServer string = registry.properties.loginServer
