using CampaignEngine.Web.ModuleHost;

namespace CampaignEngine.Web.Features.Modules;

/// <summary>The stored and API codes of a module's kind and state (said in words through <c>Vocabularies</c>).</summary>
internal static class ModuleCodes
{
    public static string Of(ModuleKind kind) => kind == ModuleKind.Code ? "code" : "data";

    public static string Of(ModuleState state) => state switch
    {
        ModuleState.Loaded => "loaded",
        ModuleState.Failed => "failed",
        _ => "disabled",
    };
}
