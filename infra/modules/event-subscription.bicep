// BlobCreated events for one container, delivered to the blob extension webhook of a function app.
// The webhook's system key (blobs_extension) exists only once the code with the blob trigger runs,
// so this module is deployed after the code, from infra/events.bicep.

@description('Existing system topic on the storage account.')
param systemTopicName string

@description('Event subscription name.')
param name string

@description('Function app (Flex Consumption) that hosts the blob trigger.')
param functionAppName string

@description('Function name of the Event Grid sourced blob trigger.')
param functionName string

@description('Container whose new blobs are delivered.')
param containerName string

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

// Read inside the resource, never output: the key is a secret.
var blobsExtensionKey = listKeys('${functionApp.id}/host/default', '2024-11-01').systemKeys.blobs_extension
var webhookUrl = 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: name
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: webhookUrl
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    // The function answers well within Event Grid's timeout; retries cover cold starts.
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output name string = subscription.name
