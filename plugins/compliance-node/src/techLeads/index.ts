export {
  DEFAULT_TECH_LEAD_GROUP,
  approversOf,
  isTechLead,
  readTechLeadGroups,
} from './techLeadRule';
