import { TagsCell as TagsCell_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { WorkspaceDashboardTab as WorkspaceDashboardTab_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { WorkspaceRoleFieldServer as WorkspaceRoleFieldServer_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { InvitationRelationshipField as InvitationRelationshipField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { InvitationTextField as InvitationTextField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { AnswerInvitation as AnswerInvitation_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OntologyField as OntologyField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { DatasetImport as DatasetImport_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { DatasetImages as DatasetImages_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { JsonText as JsonText_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { ProjectStatusField as ProjectStatusField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { ReadableRelationshipField as ReadableRelationshipField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { WorkflowField as WorkflowField_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { NewProjectLink as NewProjectLink_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { StartLabelling as StartLabelling_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { QueueTab as QueueTab_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { AnalyticsTab as AnalyticsTab_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { ScoresTab as ScoresTab_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { JsonPreview as JsonPreview_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { ReplayDelivery as ReplayDelivery_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { MyWork as MyWork_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { LabelOpsNavLinks as LabelOpsNavLinks_8ad7227f01105d2e1265b8d36f9e6f11 } from 'labelops/client'
import { MyWorkView as MyWorkView_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { AnnotateView as AnnotateView_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { NewProjectView as NewProjectView_5fcad636fcbba72f4f5b8def407909e2 } from 'labelops/rsc'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "labelops/client#TagsCell": TagsCell_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/rsc#WorkspaceDashboardTab": WorkspaceDashboardTab_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/rsc#WorkspaceRoleFieldServer": WorkspaceRoleFieldServer_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/client#InvitationRelationshipField": InvitationRelationshipField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#InvitationTextField": InvitationTextField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#AnswerInvitation": AnswerInvitation_8ad7227f01105d2e1265b8d36f9e6f11,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "labelops/client#OntologyField": OntologyField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#DatasetImport": DatasetImport_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#DatasetImages": DatasetImages_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#JsonText": JsonText_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#ProjectStatusField": ProjectStatusField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#ReadableRelationshipField": ReadableRelationshipField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#WorkflowField": WorkflowField_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#NewProjectLink": NewProjectLink_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#StartLabelling": StartLabelling_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/rsc#QueueTab": QueueTab_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/rsc#AnalyticsTab": AnalyticsTab_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/rsc#ScoresTab": ScoresTab_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/client#JsonPreview": JsonPreview_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/client#ReplayDelivery": ReplayDelivery_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/rsc#MyWork": MyWork_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/client#LabelOpsNavLinks": LabelOpsNavLinks_8ad7227f01105d2e1265b8d36f9e6f11,
  "labelops/rsc#MyWorkView": MyWorkView_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/rsc#AnnotateView": AnnotateView_5fcad636fcbba72f4f5b8def407909e2,
  "labelops/rsc#NewProjectView": NewProjectView_5fcad636fcbba72f4f5b8def407909e2,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
