using CampaignEngine.Web.Features.Shared;
using CampaignEngine.Web.Infrastructure.Localization;
using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Audit;

/// <summary>
/// What an audit entry was about, as staff read it: "campaign/12" → "кампания #12", "module/naryn/appeal/ky" →
/// "модуль Нарын · Обращение · кыргызский". The stored subject stays as it is (it is part of the hash chain).
/// </summary>
internal static class AuditSubjects
{
    public static string Say(UiText texts, ModuleRegistry modules, string language, string action, string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return "";
        string Module(string id) => modules.Find(id)?.Name.In(language) ?? id;
        var parts = subject.Split('/');
        if (parts is ["module", var module, var template, var lang])
            return $"{texts.Get(language, "audit.subject.module")} {Module(module)} · {texts.Say(language, Vocabularies.Templates, template)} · {texts.Say(language, Vocabularies.Languages, lang)}";
        if (parts is [var kind, var id] && texts.Has("audit.subject." + kind))
            return $"{texts.Get(language, "audit.subject." + kind)} #{id}";
        // certificate.issuer.edit names the module; certificate.deliver a serial, "batch <serial>" or "job <id>".
        if (action == "certificate.issuer.edit") return Module(subject);
        if (subject.StartsWith("job ", StringComparison.Ordinal)) return $"{texts.Get(language, "camp.purpose.job")} #{subject[4..]}";
        if (subject.StartsWith("batch ", StringComparison.Ordinal)) return $"{texts.Get(language, "camp.purpose.batch")}: {subject[6..]}";
        if (action.StartsWith("certificate.", StringComparison.Ordinal)) return $"{texts.Get(language, "audit.subject.certificate")} {subject}";
        return subject;
    }
}
