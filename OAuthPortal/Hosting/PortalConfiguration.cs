using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace OAuthPortal.Hosting;

public static class PortalConfiguration
{
    /// <summary>
    /// Reads appsettings.json and appsettings.{Environment}.json from the app's own folder (bin or publish
    /// folder), where the build copies the top-level appsettings.json, instead of the content root.
    /// Everything else (user secrets, environment variables, command line) keeps its usual precedence.
    /// </summary>
    public static WebApplicationBuilder AddPortalConfiguration(this WebApplicationBuilder builder)
    {
        var appFolder = new PhysicalFileProvider(AppContext.BaseDirectory);
        var sources = ((IConfigurationBuilder)builder.Configuration).Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json &&
                path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = appFolder,
                };
            }
        }

        return builder;
    }
}
