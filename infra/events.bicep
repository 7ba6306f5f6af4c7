// Second deployment step: subscribe the CPU app's Event Grid blob trigger to new blobs in the
// images container. Run it after the function code is deployed: the webhook key it reads
// (blobs_extension) does not exist before the host has indexed the blob trigger.
targetScope = 'resourceGroup'

@description('Event Grid system topic on the storage account (output systemTopicName of main.bicep).')
param systemTopicName string

@description('Flex Consumption function app that hosts the blob trigger (output functionAppName of main.bicep).')
param functionAppName string

@description('Container whose new blobs are labelled.')
param imagesContainerName string = 'images'

@description('Name of the Event Grid sourced blob trigger function.')
param functionName string = 'ClassifyBlob'

module subscription 'modules/event-subscription.bicep' = {
  name: 'images-blob-created'
  params: {
    systemTopicName: systemTopicName
    name: 'images-blob-created'
    functionAppName: functionAppName
    functionName: functionName
    containerName: imagesContainerName
  }
}

output subscriptionName string = subscription.outputs.name
