using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignEngine.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignEngine.Web.Tests.Operations;

public sealed class OpenApiTestsOnSqlite() : OpenApiTests(TestHost.Sqlite);

public sealed class OpenApiTestsOnPostgreSql() : OpenApiTests(TestHost.PostgreSql);

/// <summary>Runs on both engines (ADR 0012): one subclass per engine above.</summary>
public abstract partial class OpenApiTests(string engine) : IDisposable
{
    private readonly TestHost _host = new(engine);

    [SkippableFact]
    public async Task Every_api_route_the_host_maps_is_described_in_the_document()
    {
        var document = await _host.AdminClient().GetJson("/openapi/v1.json");
        var described = Operations(document).ToHashSet();
        var routes = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(method => $"{method} /{Plain(e.RoutePattern.RawText!.TrimStart('/'))}"))
            .Distinct()
            .ToList();

        Assert.True(routes.Count > 50, $"Only {routes.Count} API routes were found: the enumeration is broken.");
        var missing = routes.Where(r => !described.Contains(r)).Order().ToList();
        Assert.True(missing.Count == 0, "API routes missing from /openapi/v1.json:\n" + string.Join("\n", missing));
        Assert.DoesNotContain(described, d => !d.Contains(" /api/", StringComparison.Ordinal));
        Assert.Equal("bearer", (string)document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!);
    }

    [SkippableFact]
    public async Task The_reference_page_lists_every_operation_of_the_document_for_signed_in_staff()
    {
        var document = await _host.AdminClient().GetJson("/openapi/v1.json");
        var oblast = await Security.Users.SignInAsync(_host, "reference-oblast", "oblast", "KG-Y");
        var response = await oblast.GetAsync("/openapi");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = OperationRow().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToHashSet();
        Assert.Equal(Operations(document).ToHashSet(), listed);
    }

    [SkippableFact]
    public async Task Anonymous_callers_are_sent_to_sign_in_for_the_document_and_the_page()
    {
        var anonymous = _host.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var url in new[] { "/openapi/v1.json", "/openapi" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    /// <summary>"GET /api/campaigns/{id}" for every operation of the document.</summary>
    private static IEnumerable<string> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => o.Key is "get" or "put" or "post" or "delete" or "patch")
            .Select(o => $"{o.Key.ToUpperInvariant()} {path.Key}"));

    /// <summary>A route template as OpenAPI writes its path: <c>{id:long}</c> → <c>{id}</c>, <c>{**rest}</c> → <c>{rest}</c>.</summary>
    private static string Plain(string template) => Constraint().Replace(template, m => "{" + m.Groups[1].Value + "}");

    [GeneratedRegex(@"\{\**([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("data-operation=\"([^\"]+)\"")]
    private static partial Regex OperationRow();

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
