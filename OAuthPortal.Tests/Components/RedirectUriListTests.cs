using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class RedirectUriListTests : BunitContext
{
    [Fact]
    public void Render_Uris_ShowsEachExactlyAsRegisteredWithLineBreakOpportunitiesBetweenItsParts()
    {
        var list = Render<RedirectUriList>(ps => ps.Add(p => p.Uris, ["https://a.example/cb?x=<1>", "http://127.0.0.1:8080/cb"]));

        list.MarkupMatches("""
            <ul class="list-unstyled mb-0" data-test="redirect-uri-list">
              <li><code class="credential" data-test="redirect-uri-item">https://<wbr>a.example/<wbr>cb?<wbr>x=<wbr>&lt;1&gt;</code></li>
              <li><code class="credential" data-test="redirect-uri-item">http://<wbr>127.0.0.1:8080/<wbr>cb</code></li>
            </ul>
            """);
    }

    [Fact]
    public void Render_Kind_NamesTheTestHooks()
    {
        var list = Render<RedirectUriList>(ps => ps.Add(p => p.Uris, ["https://a.example/bye"]).Add(p => p.Kind, "post-logout-redirect-uri"));

        list.MarkupMatches("""
            <ul class="list-unstyled mb-0" data-test="post-logout-redirect-uri-list">
              <li><code class="credential" data-test="post-logout-redirect-uri-item">https://<wbr>a.example/<wbr>bye</code></li>
            </ul>
            """);
    }
}
