package dev.firebreak.starter.service;

import com.google.protobuf.ByteString;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;

/**
 * The open workflows of one type, every page of them. Works without advanced visibility (the dev
 * server has none); the dev server also ignores the type filter and answers with every open
 * workflow, so the type is checked here as well.
 */
public final class OpenWorkflows {

  private static final int PAGE = 1000;

  private OpenWorkflows() {}

  public static List<WorkflowExecutionInfo> ofType(WorkflowClient client, String workflowType) {
    List<WorkflowExecutionInfo> found = new ArrayList<>();
    ByteString page = ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsRequest request =
          ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(workflowType).build())
              .setMaximumPageSize(PAGE)
              .setNextPageToken(page)
              .build();
      ListOpenWorkflowExecutionsResponse response =
          WorkflowQuery.listing(
              () ->
                  client
                      .getWorkflowServiceStubs()
                      .blockingStub()
                      .listOpenWorkflowExecutions(request));
      response.getExecutionsList().stream()
          .filter(info -> workflowType.equals(info.getType().getName()))
          .forEach(found::add);
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return found;
  }

  public static List<String> idsOfType(WorkflowClient client, String workflowType) {
    return ofType(client, workflowType).stream()
        .map(info -> info.getExecution().getWorkflowId())
        .toList();
  }
}
