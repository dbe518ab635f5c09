using CampaignEngine.Web.Features.Auth;
using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>The parts of a template to save; a missing part is left as it is, an empty one goes back to the shipped file.</summary>
internal sealed record TemplateParts(string? Subject, string? Text, string? Short, string? Page, string? Html)
{
    public IReadOnlyDictionary<string, string?> ToDictionary() => new Dictionary<string, string?>
    {
        ["subject"] = Subject, ["text"] = Text, ["short"] = Short, ["page"] = Page, ["html"] = Html,
    };
}

[Route("api/modules/{moduleId}/templates/{name}/{language}"), Authorize(Policy = Roles.Campaigners, AuthenticationSchemes = ApiKeyAuthenticationHandler.SchemeName)]
internal sealed class TemplatesApiController(TemplateEditor editor, TemplateSaveLimit saveLimit, Audit.AuditLog audit) : ApiControllerBase
{
    [HttpGet]
    public IActionResult Get(string moduleId, string name, string language)
    {
        if (editor.EditableModule(moduleId, Me) is not { } module) return Problems.NotFound($"No module '{moduleId}' you may edit.");
        if (!TemplateEditor.Names.Contains(name)) return Problems.Invalid("name", $"use one of {string.Join(", ", TemplateEditor.Names)}");
        if (!module.Languages.Contains(language)) return Problems.Invalid("language", $"the module writes in {string.Join(", ", module.Languages)}");
        return Ok(editor.Current(module, name, language).ToDictionary(p => p.Part, p => new { text = p.Text, edited = p.Edited }));
    }

    /// <summary>Validates every part (parse, then a trial render in the sandbox) and saves all of them, or none.</summary>
    [HttpPut]
    public IActionResult Put(string moduleId, string name, string language, [FromBody] TemplateParts parts)
    {
        if (editor.EditableModule(moduleId, Me) is not { } module) return Problems.NotFound($"No module '{moduleId}' you may edit.");
        if (saveLimit.Refusal(Me.Id) is { } wait) return TooManySaves(wait);
        var problems = editor.Save(module, name, language, parts.ToDictionary(), Me);
        if (problems.Count > 0)
            return new ObjectResult(new ValidationProblemDetails(problems.GroupBy(p => p.Part).ToDictionary(g => g.Key, g => g.Select(p => p.ToString()).ToArray()))
            {
                Title = "The template is not valid; nothing was saved.",
                Detail = problems[0].ToString(),
                Status = StatusCodes.Status400BadRequest,
            }) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
        audit.Record(Me, "template.save", $"module/{module.Id}/{name}/{language}",
            new { parts = parts.ToDictionary().Where(p => p.Value is not null).Select(p => p.Key).ToArray() });
        return Ok(editor.Current(module, name, language).ToDictionary(p => p.Part, p => new { text = p.Text, edited = p.Edited }));
    }

    private ObjectResult TooManySaves(TimeSpan wait)
    {
        Response.Headers.RetryAfter = TemplateSaveLimit.Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ObjectResult(new ProblemDetails { Title = "Too many requests.", Detail = TemplateSaveLimit.Message(wait), Status = StatusCodes.Status429TooManyRequests })
            { StatusCode = StatusCodes.Status429TooManyRequests, ContentTypes = { "application/problem+json" } };
    }
}
