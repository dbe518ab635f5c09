using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CampaignEngine.Web.Features.Operations;

/// <summary>One operation of the API as the reference page lists it.</summary>
internal sealed record ApiOperation(string Method, string Path, string Group, string? Summary, IReadOnlyList<ApiParameter> Parameters, string? Body, IReadOnlyList<string> Responses);

internal sealed record ApiParameter(string Name, string In, bool Required, string? Type);

/// <summary>
/// The OpenAPI document, read as a list of operations for the server-rendered reference page: the page shows what the
/// document says, so the two never disagree.
/// </summary>
internal sealed class ApiReference(IServiceProvider services)
{
    public async Task<IReadOnlyList<ApiOperation>> OperationsAsync(CancellationToken cancellationToken)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>(OperationsSetup.DocumentName).GetOpenApiDocumentAsync(cancellationToken);
        return Operations(document);
    }

    public static IReadOnlyList<ApiOperation> Operations(OpenApiDocument document) =>
        (from path in document.Paths
         from operation in path.Value.Operations ?? []
         select new ApiOperation(
             operation.Key.Method, path.Key, operation.Value.Tags?.FirstOrDefault()?.Name ?? "", operation.Value.Summary,
             (operation.Value.Parameters ?? []).Select(p => new ApiParameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, TypeOf(p.Schema))).ToList(),
             BodyOf(operation.Value.RequestBody),
             (operation.Value.Responses ?? []).Select(r => r.Key).ToList()))
        .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
        .ToList();

    private static string? TypeOf(IOpenApiSchema? schema) => schema switch
    {
        null => null,
        OpenApiSchemaReference reference => reference.Reference.Id,
        _ when schema.Type is { } type => type.ToString().ToLowerInvariant(),
        _ => null,
    };

    private static string? BodyOf(IOpenApiRequestBody? body) =>
        body?.Content is { Count: > 0 } content
            ? string.Join(", ", content.Select(c => TypeOf(c.Value.Schema) is { } type ? $"{c.Key} ({type})" : c.Key))
            : null;
}
