using System.Data;
using CampaignEngine.Core.Modules;
using CampaignEngine.Web.Features.Campaigns;
using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.ModuleHost;
using Dapper;
using Scriban;

namespace CampaignEngine.Web.Features.Responses.Desk;

/// <summary>An answer rendered for the person it goes to: the text in their language, or where the Scriban in it went wrong.</summary>
internal sealed record RenderedAnswer(string Language, string? Text, TemplateError? Error);

/// <summary>
/// Staff's answers and saved replies are Scriban in the template sandbox, with the values of the person they answer
/// (<c>{{ recipient.first_name }}</c>, <c>{{ module.issuer }}</c>, the campaign's title in their language …): the preview
/// shows exactly what is stored and sent, since an answer is rendered once, here, before it is stored.
/// </summary>
internal sealed class AnswerText(ModuleRegistry modules, TemplateRenderer renderer, MessageModelBuilder models)
{
    /// <summary>The person of a thread and what their answer's values come from, read with <see cref="Read"/>.</summary>
    internal sealed record Person(string ModuleId, string FullName, string Language, string Country, string? City, long? CampaignId,
        string? CampaignName, string? TitleKy, string? TitleRu, string? TitleEn, string? Token);

    public static Person? Read(IDbConnection connection, IDbTransaction? transaction, long threadId) =>
        connection.QuerySingleOrDefault<Person>("""
            SELECT t.module_id AS ModuleId, p.full_name AS FullName, p.language, p.country, p.city, t.campaign_id AS CampaignId,
                   c.name AS CampaignName, c.title_ky AS TitleKy, c.title_ru AS TitleRu, c.title_en AS TitleEn, s.token
            FROM response_thread t
            JOIN directory_compatriot p ON p.id = t.compatriot_id
            LEFT JOIN campaign c ON c.id = t.campaign_id
            LEFT JOIN send_message s ON s.id = t.message_id
            WHERE t.id = @threadId
            """, new { threadId }, transaction);

    /// <summary>Renders <paramref name="text"/> for <paramref name="person"/>, in their language (the module's first when theirs is unknown).</summary>
    public RenderedAnswer Render(Person person, string text)
    {
        var module = modules.Catalogued(person.ModuleId) ?? modules.Enabled[0].Manifest;
        var language = Core.Reference.Languages.IsKnown(person.Language) ? person.Language : module.Languages[0];
        var title = new CampaignTitle(person.CampaignName ?? module.Name.In(language), person.TitleKy, person.TitleRu, person.TitleEn).For(language, module.Languages);
        var model = models.Message(module, person.CampaignId ?? 0, title, new MessageReader(person.FullName, language, person.Country, person.City), person.Token ?? "");
        return Rendered(language, text, model);
    }

    /// <summary>Whether a saved reply parses, writes no built-in and renders for a made-up person of the module; null when it does.</summary>
    public TemplateError? Check(ModuleManifest module, string language, string text)
    {
        var sample = models.Message(module, 1, "Sample campaign", new MessageReader("Айгүл Өмүрбекова", language, (module.Countries.Count > 0 ? module.Countries[0] : "KG"), null), "sample-token");
        return Rendered(language, text, sample).Error;
    }

    private RenderedAnswer Rendered(string language, string text, MessageModel model)
    {
        var template = Template.Parse(text, "text");
        var errors = TemplateParsing.Errors(template, text, "text");
        if (errors.Count == 0) errors = TemplateBuiltins.Assignments(template).Select(a => TemplateError.At("text", a.Span, a.Message)).ToList();
        if (errors.Count > 0) return new RenderedAnswer(language, null, errors[0]);
        try
        {
            return new RenderedAnswer(language, renderer.Render(template, model, html: false).Trim(), null);
        }
        catch (TemplateException ex)
        {
            return new RenderedAnswer(language, null, ex.Error);
        }
    }
}
