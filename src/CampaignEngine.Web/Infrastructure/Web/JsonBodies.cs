using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CampaignEngine.Web.Infrastructure.Web;

/// <summary>
/// For the plain (non-MVC) endpoints that take JSON on a public link (a pledge, the personal page's preferences): the
/// body read with the host's JSON options, and answers written through MVC's own results, so a bad body, an unknown
/// field or a refusal reads exactly as everywhere else in the API.
/// </summary>
internal static class JsonBodies
{
    /// <summary>The body, or null once the problem naming the field (the JSON path of the bad value, or "body") has been written.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http, JsonSerializerOptions options) where T : class
    {
        var errors = new BindingErrors(options, typeof(T));
        T? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<T>(options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            var state = new ModelStateDictionary();
            state.AddModelError(string.IsNullOrEmpty(ex.Path) ? BindingErrors.Body : ex.Path, ex.Message);
            await WriteAsync(http, Problems.FromModelState(state, errors));
            return null;
        }
        if (body is null) await WriteAsync(http, Problems.FromModelState(new ModelStateDictionary(), errors));
        return body;
    }

    /// <summary>The rare answers (errors) go through MVC's own result, so they read exactly as everywhere else in the API.</summary>
    public static Task WriteAsync(HttpContext http, IActionResult result) =>
        result.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
}
