using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OAuthPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddGrantsAndClientGrantTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Grants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false, collation: "Latin1_General_100_BIN2"),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    ScopeNames = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevocationReason = table.Column<string>(type: "varchar(24)", unicode: false, maxLength: 24, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Grants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Grants_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Grants_ClientId",
                table: "Grants",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_CreatedAt",
                table: "Grants",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Grants_UserId",
                table: "Grants",
                column: "UserId");

            migrationBuilder.AddColumn<string>(
                name: "AllowedGrantTypes",
                table: "Clients",
                type: "varchar(512)",
                unicode: false,
                maxLength: 512,
                nullable: false,
                defaultValue: "authorization_code refresh_token");

            migrationBuilder.AddColumn<string>(
                name: "TokenEndpointAuthMethod",
                table: "Clients",
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: false,
                defaultValue: "client_secret_basic");

            migrationBuilder.AddColumn<long>(
                name: "GrantId",
                table: "AuthorizationCodes",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "GrantId",
                table: "AccessTokens",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Carry existing rows over: every code becomes the grant of its family (same id), every token joins the grant
            // of the code it descends from, and a token without a code gets a grant of its own.
            migrationBuilder.Sql("UPDATE [Clients] SET [TokenEndpointAuthMethod] = 'none' WHERE [Type] = 'Public';");
            migrationBuilder.Sql(@"SET IDENTITY_INSERT [Grants] ON;
INSERT INTO [Grants] ([Id], [Kind], [ClientId], [UserId], [ScopeNames], [CreatedAt])
SELECT c.[Id], 'AuthorizationCode', c.[ClientId], c.[UserId],
    COALESCE((SELECT STRING_AGG(s.[Name], ' ') FROM [AuthorizationCodeScopes] l JOIN [Scopes] s ON s.[Id] = l.[ScopesId] WHERE l.[AuthorizationCodeId] = c.[Id]), N''),
    c.[CreatedAt]
FROM [AuthorizationCodes] c;
INSERT INTO [Grants] ([Id], [Kind], [ClientId], [UserId], [ScopeNames], [CreatedAt])
SELECT (SELECT COALESCE(MAX([Id]), 0) FROM [AuthorizationCodes]) + t.[Id], 'AuthorizationCode', t.[ClientId], t.[UserId], t.[ScopeNames], t.[CreatedAt]
FROM [AccessTokens] t WHERE t.[AuthorizationCodeId] IS NULL;
SET IDENTITY_INSERT [Grants] OFF;");
            migrationBuilder.Sql("UPDATE [AuthorizationCodes] SET [GrantId] = [Id];");
            migrationBuilder.Sql("UPDATE [AccessTokens] SET [GrantId] = [AuthorizationCodeId] WHERE [AuthorizationCodeId] IS NOT NULL;");
            migrationBuilder.Sql("UPDATE [AccessTokens] SET [GrantId] = (SELECT COALESCE(MAX([Id]), 0) FROM [AuthorizationCodes]) + [Id] WHERE [AuthorizationCodeId] IS NULL;");
            migrationBuilder.Sql(@"UPDATE g SET [RevocationReason] = 'FamilyRevoked',
    [RevokedAt] = (SELECT MAX(t.[RevokedAt]) FROM [AccessTokens] t WHERE t.[GrantId] = g.[Id] AND t.[RevocationReason] = 'FamilyRevoked')
FROM [Grants] g
WHERE EXISTS (SELECT 1 FROM [AccessTokens] t WHERE t.[GrantId] = g.[Id] AND t.[RevocationReason] = 'FamilyRevoked');");

            migrationBuilder.DropForeignKey(
                name: "FK_AccessTokens_AuthorizationCodes_AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.DropIndex(
                name: "IX_AccessTokens_AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.DropColumn(
                name: "AuthorizationCodeId",
                table: "AccessTokens");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "AccessTokens",
                type: "nvarchar(450)",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)");

            migrationBuilder.CreateIndex(
                name: "IX_AuthorizationCodes_GrantId",
                table: "AuthorizationCodes",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_GrantId",
                table: "AccessTokens",
                column: "GrantId");

            migrationBuilder.AddForeignKey(
                name: "FK_AccessTokens_Grants_GrantId",
                table: "AccessTokens",
                column: "GrantId",
                principalTable: "Grants",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_AuthorizationCodes_Grants_GrantId",
                table: "AuthorizationCodes",
                column: "GrantId",
                principalTable: "Grants",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AuthorizationCodeId",
                table: "AccessTokens",
                type: "bigint",
                nullable: true);

            // Back to families keyed on the code: each token points at its grant's code again. Tokens without a user
            // cannot exist in the older schema and are deleted.
            migrationBuilder.Sql(@"UPDATE t SET [AuthorizationCodeId] = (SELECT MIN(c.[Id]) FROM [AuthorizationCodes] c WHERE c.[GrantId] = t.[GrantId])
FROM [AccessTokens] t;");
            migrationBuilder.Sql("DELETE FROM [AccessTokens] WHERE [UserId] IS NULL;");

            migrationBuilder.DropForeignKey(
                name: "FK_AccessTokens_Grants_GrantId",
                table: "AccessTokens");

            migrationBuilder.DropForeignKey(
                name: "FK_AuthorizationCodes_Grants_GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropTable(
                name: "Grants");

            migrationBuilder.DropIndex(
                name: "IX_AuthorizationCodes_GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropIndex(
                name: "IX_AccessTokens_GrantId",
                table: "AccessTokens");

            migrationBuilder.DropColumn(
                name: "AllowedGrantTypes",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "TokenEndpointAuthMethod",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "GrantId",
                table: "AuthorizationCodes");

            migrationBuilder.DropColumn(
                name: "GrantId",
                table: "AccessTokens");

            migrationBuilder.AlterColumn<string>(
                name: "UserId",
                table: "AccessTokens",
                type: "nvarchar(450)",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_AuthorizationCodeId",
                table: "AccessTokens",
                column: "AuthorizationCodeId");

            migrationBuilder.AddForeignKey(
                name: "FK_AccessTokens_AuthorizationCodes_AuthorizationCodeId",
                table: "AccessTokens",
                column: "AuthorizationCodeId",
                principalTable: "AuthorizationCodes",
                principalColumn: "Id");
        }
    }
}
