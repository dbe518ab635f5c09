using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CampaignEngine.Web.Features.Modules;

internal sealed record TemplatePage(ModuleManifest Module, string Name, string Language, IReadOnlyList<EditablePart> Parts, IReadOnlyList<TemplateProblem> Problems, bool Saved);

/// <summary>The page where officers (and an oblast administration, for its own module) edit a module's appeal.</summary>
[Route("modules/{moduleId}/templates"), Authorize(Policy = Roles.Campaigners)]
internal sealed class TemplatesController(TemplateEditor editor, TemplateSaveLimit saveLimit, Audit.AuditLog audit) : Controller
{
    [HttpGet("")]
    public IActionResult Edit(string moduleId, string? name, string? language)
    {
        if (editor.EditableModule(moduleId, HttpContext.CurrentUser()) is not { } module) return NotFound();
        name = TemplateEditor.Names.Contains(name) ? name! : TemplateEditor.Names[0];
        language = language is not null && module.Languages.Contains(language) ? language : module.Languages[0];
        return View("Templates", new TemplatePage(module, name, language, editor.Current(module, name, language), [], false));
    }

    [HttpPost(""), ValidateAntiForgeryToken]
    public IActionResult Save(string moduleId, [FromForm] string? name, [FromForm] string? language)
    {
        var me = HttpContext.CurrentUser();
        if (editor.EditableModule(moduleId, me) is not { } module) return NotFound();
        var wait = saveLimit.Refusal(me.Id);
        var problems = wait is { } w
            ? [new TemplateProblem("template", null, null, TemplateSaveLimit.Message(w))]
            : editor.Save(module, name ?? "", language ?? "", Typed(), me);
        if (problems.Count > 0)
        {
            // The page shows what was typed, with the errors, so nothing is lost; nothing is saved.
            Response.StatusCode = wait is null ? StatusCodes.Status400BadRequest : StatusCodes.Status429TooManyRequests;
            var typed = TemplateEditor.Parts.Select(p => new EditablePart(p, Typed()[p] ?? "", false)).ToList();
            return View("Templates", new TemplatePage(module, name ?? "", language ?? "", typed, problems, false));
        }
        audit.Record(me, "template.save", $"module/{module.Id}/{name}/{language}", new { parts = TemplateEditor.Parts });
        return View("Templates", new TemplatePage(module, name!, language!, editor.Current(module, name!, language!), [], true));
    }

    /// <summary>
    /// The parts as the page sent them. Read from the form itself, not bound: binding turns an emptied box into null,
    /// which means "leave this part as it is", while the page promises that emptying a part restores the shipped text.
    /// </summary>
    private Dictionary<string, string?> Typed() =>
        TemplateEditor.Parts.ToDictionary(p => p, p => Request.Form.TryGetValue(p, out var value) ? value.ToString() : null);
}
