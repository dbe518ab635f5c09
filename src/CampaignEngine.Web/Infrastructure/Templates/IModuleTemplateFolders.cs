namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>Where each module's own templates are: the module host knows, the template store asks.</summary>
internal interface IModuleTemplateFolders
{
    /// <summary>The folder holding <paramref name="moduleId"/>'s template files; null for a module the host does not know.</summary>
    string? TemplatesOf(string moduleId);
}
